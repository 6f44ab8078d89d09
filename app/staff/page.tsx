import { currentLocale } from '@/app/_i18n/current-locale';
import { titled } from '@/app/_i18n/page-metadata';
import { staffSession } from '@/app/staff/staff-session';
import { DaySheetView } from '@/components/staff/day-sheet';
import { StaffFrame } from '@/components/staff/staff-frame';
import { translate } from '@/lib/i18n/messages';
import { anonCaller, rpc } from '@/lib/db';

export const dynamic = 'force-dynamic';

export const generateMetadata = titled('dsTitle');

// GET /staff – the front desk's day sheet: a day's bookings by bay and hour, live
export default async function StaffDaySheetPage() {
  const locale = await currentLocale();
  const staff = await staffSession('/staff');
  // Today as the check-in rule sees it (the venue clock), not this server's date.
  const today = staff ? await rpc('venue_today', {}, anonCaller) : null;
  return (
    <StaffFrame locale={locale} member={staff?.member ?? null} title={translate(locale, 'dsTitle')}>
      {staff && today && <DaySheetView locale={locale} today={today} isAdmin={staff.member.role === 'admin'} />}
    </StaffFrame>
  );
}
