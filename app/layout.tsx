import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { DevToolsBanner } from '@/components/dev-tools/dev-tools-banner';
import { LocaleProvider } from '@/components/i18n/localized-name';
import { SkipLink } from '@/components/ui/skip-link';
import { VipSessionBanner } from '@/components/vip-session/vip-session-banner';
import { devToolsBannerShown } from '@/lib/config/deployment';
import { currentLocale } from '@/app/_i18n/current-locale';
import { translate } from '@/lib/i18n/messages';
import { brandName, venueBrand } from '@/lib/venue/brand';
import { brandStyle } from '@/lib/venue/brand-colors';
// Self-hosted (bundled from npm, never fetched at run time): Thai and Latin glyphs in one
// family, so both languages render the same on machines without Thai system fonts.
import '@fontsource-variable/noto-sans-thai/wght.css';
import './globals.css';

/** Every tab title in the visitor's language: a page's own title (app/_i18n/page-metadata.ts), then the venue's name. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await currentLocale();
  const brand = await brandName(locale);
  return { title: { default: brand, template: `%s · ${brand}` }, description: translate(locale, 'metaDescription') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await currentLocale();
  // The venue's colours as CSS variables (tailwind.config.ts reads them): a change needs no rebuild.
  const { colors } = await venueBrand();
  return (
    <html lang={locale} style={brandStyle(colors)}>
      <body className="min-h-screen">
        <SkipLink label={translate(locale, 'skipToMain')} />
        {/* Read per request (pages are dynamic): DEV_TOOLS is a start-time setting, not a build-time one. */}
        {devToolsBannerShown() && <DevToolsBanner locale={locale} />}
        <VipSessionBanner locale={locale} />
        <LocaleProvider locale={locale}>{children}</LocaleProvider>
      </body>
    </html>
  );
}
