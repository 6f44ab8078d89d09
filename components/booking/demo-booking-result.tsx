'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import { sectionClass } from '@/components/ui/form-styles';
import { CodeNoticeText, VipCodeForm } from '@/components/vip-session/vip-session-banner';
import { subscribeVipSession, vipSessionSnapshot, writeVipSession, type StoredVipSession } from '@/components/vip-session/vip-session-store';
import { useVipCodeEntry } from '@/components/vip-session/use-vip-code-entry';

/**
 * The result of a booking made in demo mode (reference DEMO-…): it says plainly that nothing
 * was booked, and offers what the guest most likely meant: the hotel's code typed again (then
 * a real booking), or a booking without a code. Focus lands on the heading.
 */
export function DemoBookingResult({ locale, reference }: { locale: Locale; reference: string }) {
  const t = useCallback((key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values), [locale]);
  const router = useRouter();
  const snapshot = useSyncExternalStore(subscribeVipSession, vipSessionSnapshot, () => null);
  const session = useMemo(() => (snapshot ? (JSON.parse(snapshot) as StoredVipSession) : null), [snapshot]);
  const { notice, unknownCode, open } = useVipCodeEntry();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [reference]);

  const bookWithoutCode = () => {
    writeVipSession(null);
    router.push('/book');
  };

  return (
    <section aria-labelledby="demo-heading" className={sectionClass} data-testid="demo-booking-result">
      <h1 id="demo-heading" ref={headingRef} tabIndex={-1} className="text-2xl font-bold text-slate-900 focus:outline-none sm:text-3xl">
        {t('demoHeading')}
      </h1>
      <p className="mt-3 rounded-md bg-sky-100 p-3 font-medium text-sky-950" data-testid="demo-nothing-booked">
        {t('demoIntro')}
      </p>
      <p className="mt-3 text-sm text-slate-600">
        {t('demoReference')}: <span className="font-mono" data-testid="booking-reference">{reference}</span>
      </p>

      <div className="mt-6 rounded-lg p-4 ring-1 ring-slate-200" data-testid="demo-reenter-code">
        {session && !session.isDemo ? (
          <>
            <p role="status" className="font-medium text-turf-900">
              {t('demoCodeAccepted', { hotel: session.hotelName ?? '' })}
            </p>
            <Link href="/book" className={`${primaryButton} mt-3`}>
              {t('demoBookForReal')}
            </Link>
          </>
        ) : (
          <>
            <h2 className="text-lg font-semibold text-turf-900">{t('demoReenterHeading')}</h2>
            <p role="status" aria-live="polite" className="mt-1 text-slate-700">
              {notice === null ? t('demoReenterIntro') : <CodeNoticeText notice={notice} code={unknownCode} t={t} />}
            </p>
            <div className="mt-3">
              <VipCodeForm label={t('vipCodeLabel')} submit={t('vipCodeSubmit')} onSubmit={open} disabled={notice === 'opening'} />
            </div>
          </>
        )}
      </div>

      <div className="mt-6 flex flex-wrap gap-3">
        {(!session || session.isDemo) && (
          <button type="button" onClick={bookWithoutCode} className={secondaryButton}>
            {t('demoBookWithoutCode')}
          </button>
        )}
        <Link href="/" className={secondaryButton}>
          {t('backHome')}
        </Link>
      </div>
    </section>
  );
}
