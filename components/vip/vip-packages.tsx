'use client';

import { useCallback, useEffect, useState } from 'react';
import { formatDate, type Translate } from '@/components/booking/booking-rules';
import { sectionClass, sectionHeading } from '@/components/ui/styles';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { callApi, loadFailure, type LoadFailure, type VipPackage, type VipPackages } from './vip-api';
import { VipLoadError, VipLoading } from './vip-common';

type Load = { kind: 'loading' } | { kind: 'error'; failure: LoadFailure } | { kind: 'loaded'; data: VipPackages };

const statusKey: Record<VipPackage['status'], MessageKey> = {
  active: 'vipPackageActive',
  depleted: 'vipPackageDepleted',
  expired: 'vipPackageExpired',
};

/** The member's hour packages: active ones with hours left, then used-up and expired ones. */
export function VipPackagesView({ locale }: { locale: Locale }) {
  const t: Translate = useCallback((key, values) => translate(locale, key, values), [locale]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ kind: 'loading' });
    callApi<VipPackages>('/api/vip/packages', { signal: controller.signal })
      .then((result) => setLoad(result.ok ? { kind: 'loaded', data: result.data } : { kind: 'error', failure: loadFailure(result) }))
      .catch(() => undefined);
    return () => controller.abort();
  }, [reloads]);

  if (load.kind === 'loading') return <VipLoading label={t('vipLoading')} rows={2} />;
  if (load.kind === 'error') return <VipLoadError failure={load.failure} t={t} onRetry={() => setReloads((n) => n + 1)} callbackUrl="/vip/packages" />;

  const { activePackages, pastPackages } = load.data;
  return (
    <div className="space-y-5">
      <section aria-labelledby="active-packages" className={sectionClass}>
        <h2 id="active-packages" className={sectionHeading}>
          {t('vipActivePackages')}
        </h2>
        {activePackages.length === 0 ? (
          <p className="mt-2 text-slate-700" data-testid="vip-packages-empty">
            {t('vipNoActivePackagesLong')}
          </p>
        ) : (
          <ul className="mt-3 space-y-3">
            {activePackages.map((pkg) => (
              <PackageCard key={pkg.id} pkg={pkg} locale={locale} t={t} />
            ))}
          </ul>
        )}
      </section>
      {pastPackages.length > 0 && (
        <section aria-labelledby="past-packages" className={sectionClass}>
          <h2 id="past-packages" className={sectionHeading}>
            {t('vipPastPackages')}
          </h2>
          <ul className="mt-3 space-y-3">
            {pastPackages.map((pkg) => (
              <PackageCard key={pkg.id} pkg={pkg} locale={locale} t={t} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function PackageCard({ pkg, locale, t }: { pkg: VipPackage; locale: Locale; t: Translate }) {
  const usedShare = pkg.totalHours > 0 ? Math.min(100, Math.round((pkg.usedHours / pkg.totalHours) * 100)) : 100;
  return (
    <li className="rounded-lg p-3 ring-1 ring-slate-200" data-testid="vip-package">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="font-semibold text-slate-900">{pkg.packageName}</p>
        <span className={`rounded-full px-2.5 py-0.5 text-sm font-medium ${pkg.status === 'active' ? 'bg-turf-100 text-turf-900' : 'bg-slate-100 text-slate-700'}`}>
          {t(statusKey[pkg.status])}
        </span>
      </div>
      <p className="mt-1 text-slate-800">{t('vipPackageHours', { remaining: pkg.remainingHours, total: pkg.totalHours, used: pkg.usedHours })}</p>
      <div
        role="meter"
        aria-label={t('vipPackageUsedLabel')}
        aria-valuemin={0}
        aria-valuemax={pkg.totalHours}
        aria-valuenow={pkg.usedHours}
        className="mt-2 h-2 overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full bg-turf-600" style={{ width: `${usedShare}%` }} />
      </div>
      <p className="mt-2 text-sm text-slate-600">
        {[
          t('vipPackagePurchased', { date: formatDate(pkg.purchaseDate.slice(0, 10), locale) }),
          pkg.expiryDate ? t('packageExpires', { date: formatDate(pkg.expiryDate.slice(0, 10), locale) }) : t('vipPackageNoExpiry'),
        ].join(' · ')}
      </p>
    </li>
  );
}
