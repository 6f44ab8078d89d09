import Link from 'next/link';
import { LanguageToggle } from '@/components/i18n/language-toggle';
import { translate, type Locale } from '@/lib/i18n/messages';

/** The booking pages' top bar: the venue's name (home link) and the language switch. */
export function BookingPageHeader({ locale }: { locale: Locale }) {
  return (
    <header className="mb-5 flex flex-wrap items-center justify-between gap-3">
      <Link href="/" className="text-lg font-bold text-turf-900 underline-offset-4 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500">
        {translate(locale, 'appName')}
      </Link>
      <LanguageToggle locale={locale} />
    </header>
  );
}
