'use client';

import { useCallback } from 'react';
import { formatDate, type Translate } from '@/components/booking/booking-rules';
import { sectionClass, sectionHeading } from '@/components/ui/form-styles';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { callApi } from '@/components/api/client-fetch';
import { useLoad } from '@/components/api/use-load';
import { loadFailure, type VipPackage, type VipPackages } from './vip-api';
import { VipLoadError, VipLoading } from './vip-common';
import { LocalizedName } from '@/components/i18n/localized-name';

const statusKey: Record<VipPackage['status'], MessageKey> = {
  active: 'vipPackageActive',
  depleted: 'vipPackageDepleted',
  expired: 'vipPackageExpired',
};

/** The member's hour packages: active ones with hours left, then used-up and expired ones. */
export function VipPackagesView({ locale }: { locale: Locale }) {
  const t: Translate = useCallback((key, values) => translate(locale, key, values), [locale]);
  const load = useLoad('packages', (signal) => callApi<VipPackages>('/api/vip/packages', { signal }));

  if (load.pending) return <VipLoading label={t('vipLoading')} rows={2} />;
  if (!load.value.ok) return <VipLoadError failure={loadFailure(load.value)} t={t} onRetry={load.retry} callbackUrl="/vip/packages" />;

  const { activePackages, pastPackages } = load.value.data;
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

/** What a package's hours come to: left to use, or for an expired one what was left unused when it ended. */
function hoursText(pkg: VipPackage, locale: Locale, t: Translate): string {
  const hours = { remaining: pkg.remainingHours, total: pkg.totalHours, used: pkg.usedHours };
  if (pkg.status === 'expired') {
    const date = pkg.expiryDate ? formatDate(pkg.expiryDate.slice(0, 10), locale) : '';
    return t(pkg.remainingHours > 0 ? 'vipPackageExpiredUnused' : 'vipPackageExpiredUsedUp', { ...hours, date });
  }
  return t(pkg.status === 'depleted' ? 'vipPackageAllUsed' : 'vipPackageHours', hours);
}

function PackageCard({ pkg, locale, t }: { pkg: VipPackage; locale: Locale; t: Translate }) {
  const usedShare = pkg.totalHours > 0 ? Math.min(100, Math.round((pkg.usedHours / pkg.totalHours) * 100)) : 100;
  return (
    <li className="rounded-lg p-3 ring-1 ring-slate-200" data-testid="vip-package">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="font-semibold text-slate-900"><LocalizedName name={pkg.packageName} nameTh={pkg.packageNameTh} /></p>
        <span className={`rounded-full px-2.5 py-0.5 text-sm font-medium ${pkg.status === 'active' ? 'bg-turf-100 text-turf-900' : 'bg-slate-100 text-slate-700'}`}>
          {t(statusKey[pkg.status])}
        </span>
      </div>
      <p className="mt-1 text-slate-800" data-testid="vip-package-hours">
        {hoursText(pkg, locale, t)}
      </p>
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
          // An expired package's date is in its hours line already.
          pkg.status === 'expired' ? null : pkg.expiryDate ? t('packageExpires', { date: formatDate(pkg.expiryDate.slice(0, 10), locale) }) : t('vipPackageNoExpiry'),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
    </li>
  );
}
