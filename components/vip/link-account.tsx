'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Translate } from '@/components/booking/booking-rules';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import { inputClass, labelClass, sectionClass } from '@/components/ui/form-styles';
import { toE164 } from '@/lib/contact/phone';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { callApi } from '@/components/api/client-fetch';
import { useLoad } from '@/components/api/use-load';
import { loadFailure, type VipStatus } from './vip-api';
import { VipLoadError, VipLoading } from './vip-common';

type Step =
  | { kind: 'phone' }
  | { kind: 'code'; destination: string; expiresAt: string }
  | { kind: 'linked' };

interface Verification {
  destination: string;
  expiresAt: string;
}

/**
 * Link the member to the venue's customer record: a phone number, then (unless the
 * member's verified email already matches the record) the 6-digit code emailed to the record.
 */
export function LinkAccount({ locale }: { locale: Locale }) {
  const t: Translate = useCallback((key, values) => translate(locale, key, values), [locale]);
  const [step, setStep] = useState<Step>({ kind: 'phone' });
  const [pending, setPending] = useState(false);
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<{ message: MessageKey; values?: Record<string, string | number> } | null>(null);
  const [sending, setSending] = useState(false);
  const problemRef = useRef<HTMLParagraphElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const load = useLoad('status', (signal) => callApi<VipStatus>('/api/vip/status', { signal }), {
    onLoaded: (result) => {
      if (!result.ok) return;
      if (result.data.status === 'linked_matched') setStep({ kind: 'linked' });
      setPending(result.data.status === 'linked_unmatched');
    },
  });

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem]);

  useEffect(() => {
    if (step.kind !== 'phone') headingRef.current?.focus();
  }, [step]);

  if (load.pending) return <VipLoading label={t('vipLoading')} rows={1} />;
  if (!load.value.ok) return <VipLoadError failure={loadFailure(load.value)} t={t} onRetry={load.retry} callbackUrl="/vip/link" />;

  async function send(withCode: boolean) {
    if (sending) return;
    if (!toE164(phone)) {
      setProblem({ message: 'errorPhone' });
      return;
    }
    if (withCode && !/^\d{6}$/.test(code.trim())) {
      setProblem({ message: 'vipLinkCodeFormat' });
      return;
    }
    setSending(true);
    setProblem(null);
    const result = await callApi<{ status: string; verification?: Verification }>('/api/vip/link-account', {
      method: 'POST',
      body: withCode ? { phoneNumber: phone.trim(), code: code.trim() } : { phoneNumber: phone.trim() },
    });
    setSending(false);
    if (result.ok) {
      if (result.status === 202 && result.data.verification) {
        setCode('');
        setStep({ kind: 'code', destination: result.data.verification.destination, expiresAt: result.data.verification.expiresAt });
      } else {
        setStep({ kind: 'linked' });
      }
      return;
    }
    const attemptsLeft = typeof result.details.attemptsLeft === 'number' ? result.details.attemptsLeft : null;
    switch (result.code) {
      case 'CUSTOMER_NOT_FOUND':
        setProblem({ message: 'vipLinkNotFound' });
        break;
      case 'CUSTOMER_ALREADY_LINKED':
        setProblem({ message: 'vipLinkTaken' });
        break;
      case 'PROFILE_ALREADY_LINKED':
        setProblem({ message: 'vipLinkProfileLinked' });
        break;
      case 'LINK_VERIFICATION_UNAVAILABLE':
        setProblem({ message: 'vipLinkNoEmail' });
        break;
      case 'LINK_CODE_INVALID':
        setProblem(attemptsLeft !== null && attemptsLeft > 0 ? { message: 'vipLinkCodeWrongLeft', values: { n: attemptsLeft } } : { message: 'vipLinkCodeWrong' });
        break;
      case 'VALIDATION_ERROR':
        setProblem({ message: withCode ? 'vipLinkCodeFormat' : 'errorPhone' });
        break;
      case 'RATE_LIMIT_EXCEEDED':
        setProblem(
          result.retryAfterSeconds
            ? { message: 'vipLinkRateLimited', values: { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) } }
            : { message: 'vipRateLimited' },
        );
        break;
      case 'AUTH_REQUIRED':
        setProblem({ message: 'vipSignedOut' });
        break;
      default:
        setProblem({ message: result.status === 0 ? 'vipNetworkError' : 'vipServiceError' });
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(step.kind === 'code');
  };

  if (step.kind === 'linked') {
    return (
      <section className={sectionClass} data-testid="vip-linked">
        <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-turf-900 focus:outline-none">
          {t('vipLinkedHeading')}
        </h2>
        <p className="mt-1 text-slate-700">{t('vipLinkedBody')}</p>
        <div className="mt-3 flex flex-wrap gap-2">
          <Link href="/vip/bookings" className={primaryButton}>
            {t('vipNavBookings')}
          </Link>
          <Link href="/vip/packages" className={secondaryButton}>
            {t('vipNavPackages')}
          </Link>
        </div>
      </section>
    );
  }

  const problemBox = problem && (
    <p ref={problemRef} tabIndex={-1} role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-900 focus:outline-none">
      {t(problem.message, problem.values)}
    </p>
  );

  if (step.kind === 'code') {
    const expires = new Date(step.expiresAt);
    const expiresAt = Number.isNaN(expires.getTime())
      ? ''
      : new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Bangkok' }).format(expires);
    return (
      <form noValidate onSubmit={submit} className={`${sectionClass} space-y-4`}>
        <div>
          <h2 ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-turf-900 focus:outline-none">
            {t('vipLinkCodeHeading')}
          </h2>
          <p className="mt-1 break-words text-slate-700">{t('vipLinkCodeSent', { destination: step.destination, time: expiresAt })}</p>
        </div>
        <div>
          <label htmlFor="link-code" className={labelClass}>
            {t('vipLinkCodeLabel')}
          </label>
          <input
            id="link-code"
            name="code"
            value={code}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            className={`${inputClass} font-mono tracking-widest`}
          />
        </div>
        {problemBox}
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={sending} aria-busy={sending} className={primaryButton}>
            {sending ? t('vipSaving') : t('vipLinkConfirm')}
          </button>
          <button type="button" disabled={sending} onClick={() => void send(false)} className={secondaryButton}>
            {t('vipLinkResend')}
          </button>
          <button
            type="button"
            onClick={() => {
              setStep({ kind: 'phone' });
              setProblem(null);
            }}
            className={secondaryButton}
          >
            {t('vipLinkOtherNumber')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <form noValidate onSubmit={submit} className={`${sectionClass} space-y-4`}>
      {pending && <p className="rounded-md bg-amber-50 p-3 text-amber-900">{t('vipLinkPendingBody')}</p>}
      <p className="text-slate-700">{t('vipLinkIntro')}</p>
      <div>
        <label htmlFor="link-phone" className={labelClass}>
          {t('phone')}
        </label>
        <input
          id="link-phone"
          name="phoneNumber"
          type="tel"
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          autoComplete="tel"
          maxLength={20}
          required
          aria-describedby="link-phone-hint"
          className={inputClass}
        />
        <p id="link-phone-hint" className="mt-1 text-sm text-slate-600">
          {t('phoneHint')}
        </p>
      </div>
      {problemBox}
      <button type="submit" disabled={sending} aria-busy={sending} className={`${primaryButton} w-full sm:w-auto`}>
        {sending ? t('vipSaving') : t('vipLinkSubmit')}
      </button>
    </form>
  );
}
