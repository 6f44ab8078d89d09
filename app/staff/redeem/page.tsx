import { RedeemByCode } from '@/components/staff/redeem-by-code';
import { StaffFrame } from '@/components/staff/staff-frame';
import { currentLocale } from '@/app/_i18n/current-locale';
import { titled } from '@/app/_i18n/page-metadata';
import { staffSession } from '@/app/staff/staff-session';
import { translate } from '@/lib/i18n/messages';

export const dynamic = 'force-dynamic';

export const generateMetadata = titled('stRedeemTitle');

// GET /staff/redeem – staff hand over a lucky-draw prize by the code the customer shows
export default async function StaffRedeemPage() {
  const locale = await currentLocale();
  const staff = await staffSession('/staff/redeem');
  return (
    <StaffFrame locale={locale} member={staff?.member ?? null} title={translate(locale, 'stRedeemTitle')}>
      {staff && <RedeemByCode locale={locale} staffName={staff.member.displayName} />}
    </StaffFrame>
  );
}
