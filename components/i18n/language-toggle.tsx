'use client';

import { useRouter } from 'next/navigation';
import { translate, type Locale } from '@/lib/i18n/messages';

/** Switches between English and Thai; the choice is kept in the `locale` cookie for a year. */
export function LanguageToggle({ locale }: { locale: Locale }) {
  const router = useRouter();
  const next: Locale = locale === 'en' ? 'th' : 'en';
  return (
    <button
      type="button"
      lang={next}
      onClick={() => {
        document.cookie = `locale=${next}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
      className="rounded-md border border-turf-600 px-3 py-2 text-sm font-medium text-turf-700 hover:bg-turf-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500"
    >
      {translate(locale, 'language')}
    </button>
  );
}
