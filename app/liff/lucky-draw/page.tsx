import { LanguageToggle } from '@/components/i18n/language-toggle';
import { LuckyDrawScreen } from '@/components/lucky-draw/lucky-draw-screen';
import { translate } from '@/lib/i18n/messages';
import { developerToolsEnabled } from '@/lib/config/deployment';
import { readEnv } from '@/lib/config/env';
import { currentLocale } from '../../_i18n/current-locale';
import { titled } from '../../_i18n/page-metadata';

export const dynamic = 'force-dynamic';

export const generateMetadata = titled('ldTitle');

/**
 * /liff/lucky-draw – the LINE LIFF screen of the lucky draw. With NEXT_PUBLIC_LIFF_ID the
 * screen signs in through LIFF; without it, only where developer tools are on
 * (developerToolsEnabled: never a production build without DEV_TOOLS=1) does it offer the
 * local sign-in, which mints test tokens.
 */
export default async function LuckyDrawPage() {
  const locale = await currentLocale();
  // Read when the page is served (the page is dynamic), so a deployment sets it without a rebuild.
  const liffId = readEnv('NEXT_PUBLIC_LIFF_ID');
  const localSignIn = !liffId && developerToolsEnabled();
  return (
    <main className="mx-auto max-w-md px-4 py-5">
      <header className="mb-4 flex items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-turf-900">{translate(locale, 'ldTitle')}</h1>
          <p className="mt-1 text-sm text-slate-600">{translate(locale, 'ldIntro')}</p>
        </div>
        <LanguageToggle locale={locale} />
      </header>
      <LuckyDrawScreen locale={locale} liffId={liffId} localSignIn={localSignIn} />
    </main>
  );
}
