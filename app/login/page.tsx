import Link from 'next/link';
import { LoginForm } from '@/components/auth/login-form';
import { BookingPageHeader } from '@/components/booking/booking-page-header';
import { headers } from 'next/headers';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { enabledOAuthProviders } from '@/lib/auth/options';
import { readEnv } from '@/lib/config/env';
import { translate } from '@/lib/i18n/messages';
import { currentLocale } from '../_i18n/current-locale';
import { titled } from '../_i18n/page-metadata';

export const dynamic = 'force-dynamic';

export const generateMetadata = titled('loginHeading');

export default async function LoginPage(props: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  const searchParams = await props.searchParams;
  const locale = await currentLocale();
  return (
    <main className="mx-auto max-w-md px-4 py-6 sm:py-10">
      <BookingPageHeader locale={locale} />
      <h1 className="text-2xl font-bold text-turf-900">{translate(locale, 'loginHeading')}</h1>
      <p className="mt-2 text-slate-600">{translate(locale, 'loginIntro')}</p>
      <LoginForm
        locale={locale}
        providers={enabledOAuthProviders()}
        failed={Boolean(searchParams.error)}
        callbackUrl={safeCallbackPath(searchParams.callbackUrl, await siteOrigin())}
      />
      <Link href="/" className="mt-6 inline-block text-turf-700 underline">
        {translate(locale, 'backHome')}
      </Link>
    </main>
  );
}

/** This site's origin, as NextAuth builds its URLs: NEXTAUTH_URL, else the request's host. */
async function siteOrigin(): Promise<string> {
  const configured = readEnv('NEXTAUTH_URL');
  if (configured) return new URL(configured).origin;
  const host = (await headers()).get('host') ?? 'localhost';
  return `http://${host}`;
}
