import { AvailabilityBrowser } from '@/components/availability/availability-browser';
import { BrandMark } from '@/components/brand/brand-mark';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { sessionUser } from '@/components/auth/session-user';
import { LanguageToggle } from '@/components/i18n/language-toggle';
import { translate } from '@/lib/i18n/messages';
import { getOpeningHours, openingHoursText } from '@/lib/venue/opening-hours';
import { venueToday } from '@/lib/venue/venue-clock';
import Link from 'next/link';
import { currentLocale } from './_i18n/current-locale';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const locale = await currentLocale();
  // Signed-in members get a way into their portal instead of the sign-in link, and a way out.
  const user = await sessionUser();
  const signedIn = Boolean(user);
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  // Opening hours are data (public.opening_hours), read through the same service as any caller.
  const hours = openingHoursText(await getOpeningHours(), locale);
  // Landmarks: the header (brand and menu) and the main content, which the layout's skip link
  // (components/ui/skip-link.tsx, the first thing Tab reaches) jumps to.
  return (
    <>
      <header className="mx-auto flex max-w-6xl flex-wrap items-start justify-between gap-4 px-4 pt-6 sm:pt-10">
        <div>
          <h1 className="text-2xl font-bold text-turf-900 sm:text-3xl"><BrandMark locale={locale} /></h1>
          <p className="mt-1 text-slate-600">{translate(locale, 'tagline', { hours })}</p>
        </div>
        <nav aria-label={t('siteNav')} className="flex flex-wrap items-center gap-2 sm:gap-3">
          <LanguageToggle locale={locale} />
          <Link
            href="/book"
            className="rounded-md bg-turf-600 px-3 py-2 text-sm font-medium text-white hover:bg-turf-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500 focus-visible:ring-offset-2"
          >
            {t('bookABay')}
          </Link>
          <Link
            href={signedIn ? '/vip' : '/login'}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500 focus-visible:ring-offset-2"
          >
            {signedIn ? t('myBookings') : t('signIn')}
          </Link>
          {user && <SignOutButton locale={locale} />}
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 pt-6 pb-6 focus:outline-none sm:pb-10">
        <AvailabilityBrowser locale={locale} today={venueToday()} />
      </main>
    </>
  );
}
