import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { DevToolsBanner } from '@/components/dev-tools/dev-tools-banner';
import { VipSessionBanner } from '@/components/vip-session/vip-session-banner';
import { devToolsBannerShown } from '@/lib/config/deployment';
import { currentLocale } from '@/app/_i18n/current-locale';
// Self-hosted (bundled from npm, never fetched at run time): Thai and Latin glyphs in one
// family, so both languages render the same on machines without Thai system fonts.
import '@fontsource-variable/noto-sans-thai/wght.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'Golf Bay Booking · Bangkok',
  description: 'Book a golf-simulator bay in Bangkok',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await currentLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        {/* Read per request (pages are dynamic): DEV_TOOLS is a start-time setting, not a build-time one. */}
        {devToolsBannerShown() && <DevToolsBanner locale={locale} />}
        <VipSessionBanner locale={locale} />
        {children}
      </body>
    </html>
  );
}
