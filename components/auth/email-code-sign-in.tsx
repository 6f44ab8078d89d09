'use client';

import { signIn } from 'next-auth/react';
import { useEffect, useId, useRef, useState } from 'react';
import { callApi } from '@/components/api/client-fetch';
import { inputClass, labelClass } from '@/components/ui/form-styles';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import type { EmailCodeFailure } from '@/lib/auth/sign-in-errors';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';

/** Why the code did not sign in: the provider's error as the form says it. */
const codeFailures: Record<EmailCodeFailure, MessageKey> = {
  EmailCodeWrong: 'emailCodeWrong',
  EmailCodeExpired: 'emailCodeExpired',
  EmailCodeRateLimited: 'emailCodeTooManyTries',
  EmailCodeInvalidInput: 'emailCodeFormat',
};

/**
 * Sign-in by an emailed one-time code: the email first (POST /api/auth/email-code), then the
 * code (the NextAuth `email-code` provider); on success the browser goes to `callbackUrl`.
 * What was typed stays on a failure, and the error names the field it is about.
 */
export function EmailCodeSignIn({ locale, callbackUrl }: { locale: Locale; callbackUrl: string }) {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values);
  const id = useId();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'email' | 'code'>('email');
  const [busy, setBusy] = useState<'sending' | 'verifying' | null>(null);
  const [error, setError] = useState<{ field: 'email' | 'code'; message: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (step === 'code') codeInput.current?.focus();
  }, [step]);

  async function sendCode() {
    setBusy('sending');
    setError(null);
    setNotice(null);
    const result = await callApi<{ expiresAt: string }>('/api/auth/email-code', { method: 'POST', body: { email, locale } });
    setBusy(null);
    if (result.ok) {
      setStep('code');
      setCode('');
      setNotice(t('emailCodeSent', { email: email.trim() }));
      return;
    }
    const message =
      result.status === 400 ? t('emailCodeEmailInvalid') : result.status === 429 ? t('emailCodeTooManyRequests') : t('emailCodeSendFailed');
    setError({ field: 'email', message });
    if (step === 'email') emailInput.current?.focus();
  }

  async function verify() {
    setBusy('verifying');
    setError(null);
    const result = await signIn('email-code', { email, code, redirect: false, callbackUrl });
    if (result?.ok && !result.error) {
      // A full load: the server components read the new session cookie.
      window.location.assign(callbackUrl);
      return;
    }
    setBusy(null);
    setError({ field: 'code', message: t(codeFailures[result?.error as EmailCodeFailure] ?? 'emailCodeWrong') });
    codeInput.current?.focus();
  }

  const errorId = `${id}-error`;
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-testid="email-code-sign-in">
      <h2 id={`${id}-heading`} className="font-semibold text-turf-900">
        {t('emailCodeHeading')}
      </h2>
      <p className="text-sm text-slate-600">{t('emailCodeIntro')}</p>
      {step === 'email' ? (
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            void sendCode();
          }}
        >
          <label className={labelClass}>
            {t('emailCodeEmailLabel')}
            <input
              ref={emailInput}
              name="email"
              type="email"
              autoComplete="email"
              required
              maxLength={200}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={error?.field === 'email'}
              aria-describedby={error?.field === 'email' ? errorId : undefined}
              className={inputClass}
            />
          </label>
          {error?.field === 'email' && <FieldAlert id={errorId} message={error.message} />}
          <button type="submit" disabled={busy !== null} className={`${primaryButton} w-full`}>
            {busy === 'sending' ? t('emailCodeSending') : t('emailCodeSend')}
          </button>
        </form>
      ) : (
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            void verify();
          }}
        >
          {notice && (
            <p role="status" className="rounded-md bg-turf-50 p-3 text-sm text-turf-900">
              {notice}
            </p>
          )}
          <label className={labelClass}>
            {t('emailCodeLabel')}
            <input
              ref={codeInput}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              required
              maxLength={8}
              value={code}
              onChange={(event) => setCode(event.target.value.replace(/\s+/g, ''))}
              aria-invalid={error?.field === 'code'}
              aria-describedby={error ? errorId : undefined}
              className={`${inputClass} tracking-widest`}
            />
          </label>
          {error && <FieldAlert id={errorId} message={error.message} />}
          <button type="submit" disabled={busy !== null} className={`${primaryButton} w-full`}>
            {busy === 'verifying' ? t('emailCodeVerifying') : t('emailCodeSignIn')}
          </button>
          <div className="flex flex-wrap gap-2">
            <button type="button" disabled={busy !== null} onClick={() => void sendCode()} className={secondaryButton}>
              {busy === 'sending' ? t('emailCodeSending') : t('emailCodeResend')}
            </button>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => {
                setStep('email');
                setError(null);
                setNotice(null);
              }}
              className={secondaryButton}
            >
              {t('emailCodeOtherEmail')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function FieldAlert({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} role="alert" className="text-sm font-medium text-red-700">
      {message}
    </p>
  );
}
