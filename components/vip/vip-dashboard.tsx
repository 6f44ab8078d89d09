'use client';

import Link from 'next/link';
import { useCallback } from 'react';
import type { Translate } from '@/components/booking/booking-rules';
import { primaryButton } from '@/components/ui/styles';
import { sectionClass, sectionHeading } from '@/components/ui/form-styles';
import { translate, type Locale } from '@/lib/i18n/messages';
import { callApi } from '@/components/api/client-fetch';
import { useLoad } from '@/components/api/use-load';
import { loadFailure, type LoadFailure, type VipBookingsPage, type VipPackages, type VipStatus } from './vip-api';
import { BookingCard, VipLoadError, VipLoading } from './vip-common';
import { localizedName } from '@/lib/i18n/localized-name';

interface Overview {
  status: VipStatus;
  next: VipBookingsPage;
  packages: VipPackages;
}

const linkClass = 'font-medium text-turf-700 underline underline-offset-2 hover:text-turf-900';

/** The portal's home: the next booking, package hours at a glance, and a prompt to link the account. */
export function VipDashboard({ locale }: { locale: Locale }) {
  const t: Translate = useCallback((key, values) => translate(locale, key, values), [locale]);
  const load = useLoad('overview', async (signal): Promise<{ failure: LoadFailure } | { data: Overview }> => {
    const [status, next, packages] = await Promise.all([
      callApi<VipStatus>('/api/vip/status', { signal }),
      callApi<VipBookingsPage>('/api/vip/bookings?filter=future&page=1&limit=1', { signal }),
      callApi<VipPackages>('/api/vip/packages', { signal }),
    ]);
    for (const result of [status, next, packages]) if (!result.ok) return { failure: loadFailure(result) };
    if (status.ok && next.ok && packages.ok) return { data: { status: status.data, next: next.data, packages: packages.data } };
    return { failure: 'failed' };
  });

  if (load.pending) return <VipLoading label={t('vipLoading')} />;
  if ('failure' in load.value) return <VipLoadError failure={load.value.failure} t={t} onRetry={load.retry} callbackUrl="/vip" />;

  const { status, next, packages } = load.value.data;
  const nextBooking = next.bookings[0];
  const remaining = packages.activePackages.reduce((sum, pkg) => sum + pkg.remainingHours, 0);
  const upcomingCount = next.pagination.totalCount;

  return (
    <div className="space-y-5">
      {status.status !== 'linked_matched' && (
        <section aria-labelledby="link-prompt" className="rounded-xl bg-amber-50 p-4 text-amber-950 ring-1 ring-amber-200 sm:p-6" data-testid="vip-link-prompt">
          <h2 id="link-prompt" className="text-lg font-semibold">
            {status.status === 'linked_unmatched' ? t('vipLinkPendingHeading') : t('vipLinkPromptHeading')}
          </h2>
          <p className="mt-1">{status.status === 'linked_unmatched' ? t('vipLinkPendingBody') : t('vipLinkPromptBody')}</p>
          <Link href="/vip/link" className={`${primaryButton} mt-3`}>
            {status.status === 'linked_unmatched' ? t('vipLinkEnterCode') : t('vipLinkAction')}
          </Link>
        </section>
      )}

      <section aria-labelledby="next-booking" className={sectionClass}>
        <h2 id="next-booking" className={sectionHeading}>
          {t('vipNextBooking')}
        </h2>
        <div className="mt-3">
          {nextBooking ? (
            <BookingCard booking={nextBooking} locale={locale} t={t} />
          ) : (
            <div data-testid="vip-no-next">
              <p className="text-slate-700">{t('vipNoUpcoming')}</p>
              <Link href="/book" className={`${primaryButton} mt-3`}>
                {t('bookABay')}
              </Link>
            </div>
          )}
        </div>
        <p className="mt-3">
          <Link href="/vip/bookings" className={linkClass}>
            {upcomingCount > 1 ? t('vipAllBookingsCount', { n: upcomingCount }) : t('vipAllBookings')}
          </Link>
        </p>
      </section>

      <section aria-labelledby="package-hours" className={sectionClass}>
        <h2 id="package-hours" className={sectionHeading}>
          {t('vipPackagesHeading')}
        </h2>
        {packages.activePackages.length === 0 ? (
          <p className="mt-2 text-slate-700">{t('vipNoActivePackages')}</p>
        ) : (
          <>
            <p className="mt-2 text-2xl font-bold text-turf-900" data-testid="vip-hours-left">
              {t('vipHoursLeft', { n: remaining })}
            </p>
            <ul className="mt-2 space-y-1 text-slate-700">
              {packages.activePackages.map((pkg) => (
                <li key={pkg.id}>{t('packageOption', { name: localizedName(locale, pkg.packageName, pkg.packageNameTh), hours: pkg.remainingHours })}</li>
              ))}
            </ul>
          </>
        )}
        <p className="mt-3">
          <Link href="/vip/packages" className={linkClass}>
            {t('vipSeePackages')}
          </Link>
        </p>
      </section>
    </div>
  );
}
