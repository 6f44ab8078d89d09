'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';
import { guestInvalidFields } from '@/lib/auth/sign-in-errors';
import { translate, type Locale } from '@/lib/i18n/messages';
import { EmailCodeSignIn } from './email-code-sign-in';

const providerNames = { google: 'Google', facebook: 'Facebook', line: 'LINE' } as const;

const guestFieldErrors = { name: 'guestNameInvalid', email: 'guestEmailInvalid', phone: 'guestPhoneInvalid' } as const;

/**
 * The emailed-code sign-in, the enabled OAuth providers, and the guest sign-in form (name,
 * email, phone). A refused guest sign-in stays on the page with what was typed, and says
 * which fields the server refused.
 */
export function LoginForm({
  locale,
  providers,
  failed,
  callbackUrl,
}: {
  locale: Locale;
  providers: (keyof typeof providerNames)[];
  failed: boolean;
  callbackUrl: string;
}) {
  const [submitting, setSubmitting] = useState(false);
  const [guestError, setGuestError] = useState<{ fields: string[] } | null>(null);
  return (
    <div className="mt-6 space-y-6">
      <EmailCodeSignIn locale={locale} callbackUrl={callbackUrl} />
      {(failed || guestError) && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-red-800">
          {translate(locale, 'signInFailed')}
        </p>
      )}
      {providers.length > 0 && (
        <ul className="space-y-2">
          {providers.map((provider) => (
            <li key={provider}>
              <button type="button" onClick={() => signIn(provider, { callbackUrl })} className={buttonClass}>
                {translate(locale, 'continueWith', { provider: providerNames[provider] })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitting(true);
          const form = new FormData(event.currentTarget);
          setGuestError(null);
          void signIn('guest', {
            name: String(form.get('name')),
            email: String(form.get('email')),
            phone: String(form.get('phone')),
            callbackUrl,
            redirect: false,
          }).then((result) => {
            // A full load on success: the server components read the new session cookie.
            if (result?.ok && !result.error) return window.location.assign(callbackUrl);
            setSubmitting(false);
            setGuestError({ fields: guestInvalidFields(result?.error) });
          }, () => {
            setSubmitting(false);
            setGuestError({ fields: [] });
          });
        }}
      >
        <h2 className="font-semibold text-turf-900">{translate(locale, 'guestHeading')}</h2>
        {(['name', 'email', 'phone'] as const).map((field) => {
          const invalid = guestError?.fields.includes(field) ?? false;
          return (
            <div key={field}>
              <label className="block text-sm font-medium text-slate-700">
                {translate(locale, field)}
                <input
                  name={field}
                  type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
                  autoComplete={field === 'phone' ? 'tel' : field}
                  required
                  maxLength={field === 'phone' ? 20 : 120}
                  aria-invalid={invalid}
                  aria-describedby={invalid ? `guest-${field}-error` : undefined}
                  className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base focus:border-turf-500 focus:outline-none focus:ring-2 focus:ring-turf-500 aria-[invalid=true]:border-red-600"
                />
              </label>
              {/* Outside the label: the field's name stays its label, the error is its description. */}
              {invalid && (
                <p id={`guest-${field}-error`} className="mt-1 text-sm font-medium text-red-700">
                  {translate(locale, guestFieldErrors[field])}
                </p>
              )}
            </div>
          );
        })}
        <button type="submit" disabled={submitting} className={buttonClass}>
          {submitting ? translate(locale, 'emailCodeVerifying') : translate(locale, 'continueAsGuest')}
        </button>
      </form>
    </div>
  );
}

const buttonClass =
  'w-full rounded-md bg-turf-600 px-4 py-2 font-medium text-white hover:bg-turf-700 disabled:opacity-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500 focus-visible:ring-offset-2';
