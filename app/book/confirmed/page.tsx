import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BookingConfirmation } from '@/components/booking/booking-confirmation';
import { BookingPageHeader } from '@/components/booking/booking-page-header';
import { DemoBookingResult } from '@/components/booking/demo-booking-result';
import { REFERENCE_PATTERN } from '@/components/booking/booking-rules';
import { currentLocale } from '../../_i18n/current-locale';

export const dynamic = 'force-dynamic';

export async function generateMetadata(props: { searchParams: Promise<{ ref?: string | string[] }> }): Promise<Metadata> {
  const { ref } = await props.searchParams;
  const demo = (Array.isArray(ref) ? ref[0] : ref)?.startsWith('DEMO-');
  return { title: demo ? 'Demo: nothing booked · Golf Bay Booking' : 'Booking confirmed · Golf Bay Booking' };
}

/** /book/confirmed?ref=BK… – shown after a booking; without a reference there is nothing to confirm. */
export default async function BookingConfirmedPage(props: { searchParams: Promise<{ ref?: string | string[] }> }) {
  const searchParams = await props.searchParams;
  const reference = Array.isArray(searchParams.ref) ? searchParams.ref[0] : searchParams.ref;
  if (!reference || !REFERENCE_PATTERN.test(reference)) redirect('/book');
  const locale = await currentLocale();
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
      <BookingPageHeader locale={locale} />
      {/* A demo session's booking saved nothing: its page must never read as a confirmation. */}
      {reference.startsWith('DEMO-') ? <DemoBookingResult locale={locale} reference={reference} /> : <BookingConfirmation locale={locale} reference={reference} />}
    </main>
  );
}
