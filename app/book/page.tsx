import type { Metadata } from 'next';
import Link from 'next/link';
import { BookingFlow } from '@/components/booking/booking-flow';
import { BookingPageHeader } from '@/components/booking/booking-page-header';
import { startingDate } from '@/components/booking/booking-rules';
import { translate } from '@/lib/i18n/messages';
import { venueToday } from '@/lib/venue/venue-clock';
import { currentLocale } from '../_i18n/current-locale';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Book a bay · Golf Bay Booking' };

type Query = { date?: string | string[]; time?: string | string[]; bay?: string | string[] };

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** /book?date=YYYY-MM-DD&time=HH:mm&bay=Bay%201 – the booking form, optionally on a slot picked in the grid. */
export default async function BookPage(props: { searchParams: Promise<Query> }) {
  const searchParams = await props.searchParams;
  const locale = await currentLocale();
  const today = venueToday();
  const time = single(searchParams.time);
  const bay = single(searchParams.bay)?.trim().slice(0, 40);
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
      <BookingPageHeader locale={locale} />
      <h1 className="text-2xl font-bold text-turf-900 sm:text-3xl">{translate(locale, 'bookHeading')}</h1>
      <p id="booking-intro" className="mb-5 mt-1 text-slate-600">
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
      />
      <Link href="/" className="mt-6 inline-block text-turf-700 underline">
        {translate(locale, 'backHome')}
      </Link>
    </main>
  );
}
