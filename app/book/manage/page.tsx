import { BookingPageHeader } from '@/components/booking/booking-page-header';
import { ManageBooking } from '@/components/booking/manage-booking';
import { venueToday } from '@/lib/venue/venue-clock';
import { currentLocale } from '../../_i18n/current-locale';
import { titled } from '../../_i18n/page-metadata';

export const dynamic = 'force-dynamic';

// The token is in the fragment: no referrer of this page may carry anything anyway.
export const generateMetadata = titled('manageTitle', { referrer: 'no-referrer', robots: { index: false, follow: false } });

/** /book/manage#t=<token> – the booking a manage link opens (the page reads the token in the browser). */
export default async function ManageBookingPage() {
  const locale = await currentLocale();
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
      <BookingPageHeader locale={locale} />
      <ManageBooking locale={locale} today={venueToday()} />
    </main>
  );
}
