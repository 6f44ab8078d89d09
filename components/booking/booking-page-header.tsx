import Link from 'next/link';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { sessionUser } from '@/components/auth/session-user';
import { BrandMark } from '@/components/brand/brand-mark';
import { LanguageToggle } from '@/components/i18n/language-toggle';
import type { Locale } from '@/lib/i18n/messages';

/** The booking and VIP pages' top bar: the venue's name (home link), who is signed in with a way out, and the language switch. */
export async function BookingPageHeader({ locale }: { locale: Locale }) {
  const user = await sessionUser();
  return (
    <header className="mb-5 flex flex-wrap items-center justify-between gap-3">
      <Link href="/" className="text-lg font-bold text-turf-900 underline-offset-4 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500">
        <BrandMark locale={locale} />
      </Link>
      <div className="flex flex-wrap items-center gap-2">
        {user && <SignOutButton locale={locale} name={user.name || user.email} />}
        <LanguageToggle locale={locale} />
      </div>
    </header>
  );
}
