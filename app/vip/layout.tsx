import type { ReactNode } from 'react';
import { BookingPageHeader } from '@/components/booking/booking-page-header';
import { VipNav } from '@/components/vip/vip-nav';
import { currentLocale } from '../_i18n/current-locale';
import { titled } from '../_i18n/page-metadata';

// The overview's title; each section's page names itself.
export const generateMetadata = titled('vipHeading');

/** The VIP portal's frame: the venue's top bar and the portal's sections. */
export default async function VipLayout({ children }: { children: ReactNode }) {
  const locale = await currentLocale();
  return (
    <main className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
      <BookingPageHeader locale={locale} />
      <VipNav locale={locale} />
      {children}
    </main>
  );
}
