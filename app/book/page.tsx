import Link from 'next/link';
import { BookingFlow } from '@/components/booking/booking-flow';
import { BookingPageHeader } from '@/components/booking/booking-page-header';
import { startingDate } from '@/components/booking/booking-rules';
import { sessionUser } from '@/components/auth/session-user';
import { getVipProfile } from '@/lib/vip/get-vip-profile';
import { translate } from '@/lib/i18n/messages';
import { venueToday } from '@/lib/venue/venue-clock';
import { currentLocale } from '../_i18n/current-locale';
import { titled } from '../_i18n/page-metadata';

export const dynamic = 'force-dynamic';

export const generateMetadata = titled('bookHeading');

type Query = { date?: string | string[]; time?: string | string[]; bay?: string | string[] };

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** /book?date=YYYY-MM-DD&time=HH:mm&bay=Bay%201 – the booking form, optionally on a slot picked in the grid. */
export default async function BookPage(props: { searchParams: Promise<Query> }) {
  const searchParams = await props.searchParams;
  const locale = await currentLocale();
  const today = venueToday();
  const time = single(searchParams.time);
  const bay = single(searchParams.bay)?.trim().slice(0, 40);
  // A signed-in member's name, email and phone come from their profile, so they never type them again.
  const user = await sessionUser();
  const profile = user?.id ? await getVipProfile(user.id).catch(() => null) : null;
  const member = user ? { name: profile?.name ?? user.name ?? null, email: profile?.email ?? user.email ?? null, phone: profile?.phoneNumber ?? null } : null;
  return (
    // Room at the bottom for the phone's summary bar; on a desktop the summary stands beside the form.
    <main className="mx-auto max-w-3xl px-4 pb-32 pt-4 sm:pt-8 lg:max-w-5xl lg:pb-10">
      <BookingPageHeader locale={locale} />
      <h1 className="text-2xl font-bold text-turf-900 sm:text-3xl">{translate(locale, 'bookHeading')}</h1>
      <p id="booking-intro" className="mb-3 mt-1 text-sm text-slate-600 sm:mb-5 sm:text-base">
        {translate(locale, 'bookIntro')}
      </p>
      <BookingFlow
        locale={locale}
        today={today}
        initial={{
          date: startingDate(single(searchParams.date), today),
          time: time && /^([01]\d|2[0-3]):(00|30)$/.test(time) ? time : null,
          bay: bay || null,
        }}
        member={member}
      />
      <Link href="/" className="mt-6 inline-block text-turf-700 underline">
        {translate(locale, 'backHome')}
      </Link>
    </main>
  );
}
