import Link from 'next/link';
import { BookingPageHeader } from '@/components/booking/booking-page-header';
import { translate } from '@/lib/i18n/messages';
import { currentLocale } from './_i18n/current-locale';
import { titled } from './_i18n/page-metadata';

export const generateMetadata = titled('notFoundTitle');

/** Every address without a page (and every notFound()): says so in the visitor's language, with the way home. */
export default async function NotFound() {
  const locale = await currentLocale();
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
      <BookingPageHeader locale={locale} />
      <h1 className="text-2xl font-bold text-turf-900 sm:text-3xl">{translate(locale, 'notFoundTitle')}</h1>
      <p className="mt-2 text-slate-700">{translate(locale, 'notFoundText')}</p>
      <Link
        href="/"
        data-testid="not-found-home"
        className="mt-6 inline-block rounded-md bg-turf-600 px-4 py-2 font-medium text-white hover:bg-turf-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500 focus-visible:ring-offset-2"
      >
        {translate(locale, 'notFoundHome')}
      </Link>
    </main>
  );
}
