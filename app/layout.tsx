import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { VipSessionBanner } from '@/components/vip-session/vip-session-banner';
import { currentLocale } from '@/app/_i18n/current-locale';
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
        <VipSessionBanner locale={locale} />
        {children}
      </body>
    </html>
  );
}
