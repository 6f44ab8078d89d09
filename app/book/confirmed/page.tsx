import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { BookingConfirmation } from '@/components/booking/booking-confirmation';
import { BookingPageHeader } from '@/components/booking/booking-page-header';
import { REFERENCE_PATTERN } from '@/components/booking/booking-rules';
import { currentLocale } from '../../_i18n/current-locale';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Booking confirmed · Golf Bay Booking' };

/** /book/confirmed?ref=BK… – shown after a booking; without a reference there is nothing to confirm. */
export default async function BookingConfirmedPage(props: { searchParams: Promise<{ ref?: string | string[] }> }) {
  const searchParams = await props.searchParams;
  const reference = Array.isArray(searchParams.ref) ? searchParams.ref[0] : searchParams.ref;
  if (!reference || !REFERENCE_PATTERN.test(reference)) redirect('/book');
  const locale = await currentLocale();
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
      <BookingPageHeader locale={locale} />
      <BookingConfirmation locale={locale} reference={reference} />
    </main>
  );
}
