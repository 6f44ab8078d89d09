import Link from 'next/link';
import { translate, type Locale } from '@/lib/i18n/messages';

/**
 * The warning on every page of a production build that serves developer tools (DEV_TOOLS=1):
 * a named region, so it is a landmark a screen reader lists, in text, not colour alone.
 */
export function DevToolsBanner({ locale }: { locale: Locale }) {
  return (
    <section aria-label={translate(locale, 'devToolsLabel')} data-testid="dev-tools-banner" className="bg-red-700 text-white">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm">
        <strong className="font-semibold">{translate(locale, 'devToolsOn')}</strong> {translate(locale, 'devToolsWarning')}{' '}
        <Link
          href="/dev/outbox"
          // Not prefetched: every page would otherwise render the outbox in the background.
          prefetch={false}
          className="font-medium underline hover:no-underline focus:outline-none focus-visible:ring-2 focus-visible:ring-white focus-visible:ring-offset-2 focus-visible:ring-offset-red-700"
        >
          {translate(locale, 'devToolsOutbox')}
        </Link>
      </p>
    </section>
  );
}
