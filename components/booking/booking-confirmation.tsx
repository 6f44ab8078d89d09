'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { localizedName } from '@/lib/i18n/localized-name';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { parseConfirmation, storedConfirmation } from './booking-api';
import { formatBaht, formatDate } from './booking-rules';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import { sectionClass } from '@/components/ui/form-styles';

const subscribeToNothing = () => () => undefined;

/**
 * The confirmation after a booking: the reference (from the URL) big enough to read out,
 * and what was booked and whether the email went out (kept by the form in sessionStorage;
 * opened elsewhere, the page shows the reference alone). Focus lands on the heading.
 */
export function BookingConfirmation({ locale, reference }: { locale: Locale; reference: string }) {
  const t = useCallback((key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values), [locale]);
  // Read after hydration (the server has no sessionStorage); nothing else writes it while the page is open.
  const stored = useSyncExternalStore(subscribeToNothing, () => storedConfirmation(reference), () => null);
  const details = useMemo(() => parseConfirmation(reference, stored), [reference, stored]);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [reference]);

  const hours = (n: number) => (n === 1 ? t('hoursOne') : t('hoursMany', { n }));

  return (
    <section aria-labelledby="confirmed-heading" className={sectionClass} data-testid="booking-confirmation">
      <h1 id="confirmed-heading" ref={headingRef} tabIndex={-1} className="text-2xl font-bold text-turf-900 focus:outline-none sm:text-3xl">
        {t('confirmedHeading')}
      </h1>
      <div className="mt-4 rounded-lg bg-turf-50 p-4 ring-1 ring-turf-500">
        <p className="text-sm font-medium text-slate-600" id="reference-label">
          {t('confirmedReference')}
        </p>
        <p aria-labelledby="reference-label" data-testid="booking-reference" className="mt-1 break-all font-mono text-2xl font-bold tracking-wide text-turf-900 sm:text-4xl sm:tracking-wider">
          {reference}
        </p>
        <p className="mt-1 text-sm text-slate-600">{t('confirmedReferenceHint')}</p>
      </div>

      {details && (
        <>
          {/* A demo booking (DEMO-…) never reaches this page: DemoBookingResult says nothing was booked. */}
          <p className="mt-4 font-medium text-slate-800" data-testid="confirmation-email">
            {details.confirmationSent ? t('confirmedEmailSent', { email: details.email }) : t('confirmedEmailPending')}
          </p>
          {details.vipCode && (
            <p className="mt-2 text-slate-700" data-testid="confirmation-vip">
              {t('confirmedVip', { code: details.vipCode })}
            </p>
          )}
          <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800">
            <dt className="text-slate-500">{t('dateLabel')}</dt>
            <dd>{formatDate(details.date, locale)}</dd>
            <dt className="text-slate-500">{t('time')}</dt>
            <dd className="font-mono">
              {details.startTime}–{details.endTime} ({hours(details.duration)})
            </dd>
            <dt className="text-slate-500">{t('bayLabel')}</dt>
            <dd>{localizedName(locale, details.bay, details.bayTh)}</dd>
            <dt className="text-slate-500">{t('peopleShort')}</dt>
            <dd>{details.numberOfPeople === 1 ? t('personOne') : t('personMany', { n: details.numberOfPeople })}</dd>
            {(details.packageName || details.price !== null) && (
              <>
                <dt className="text-slate-500">{t('priceLabel')}</dt>
                <dd>
                  {details.packageName
                    ? t('pricePackage', { hours: hours(details.duration), name: localizedName(locale, details.packageName, details.packageNameTh) })
                    : t('priceAtVenue', { price: formatBaht(details.price ?? 0) })}
                </dd>
              </>
            )}
          </dl>
        </>
      )}
      {details === null && <p className="mt-4 text-slate-700">{t('confirmedDetailsElsewhere')}</p>}

      <NextStepLinks locale={locale} />
    </section>
  );
}

/** Where a customer goes from a booking's result page: another booking, or the availability. */
export function NextStepLinks({ locale }: { locale: Locale }) {
  return (
    <div className="mt-6 flex flex-wrap gap-3">
      <Link href="/book" className={primaryButton}>
        {translate(locale, 'bookAnother')}
      </Link>
      <Link href="/" className={secondaryButton}>
        {translate(locale, 'backHome')}
      </Link>
    </div>
  );
}
