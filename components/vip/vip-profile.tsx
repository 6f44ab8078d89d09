'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { Translate } from '@/components/booking/booking-rules';
import { primaryButton } from '@/components/ui/styles';
import { inputClass, labelClass, sectionClass } from '@/components/ui/form-styles';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { callApi } from '@/components/api/client-fetch';
import { useLoad } from '@/components/api/use-load';
import { isValidEmail, isValidName, MAX_EMAIL, MAX_NAME } from '@/lib/venue/booking-rules';
import { loadFailure, type VipProfile } from './vip-api';
import { VipLoadError, VipLoading } from './vip-common';

interface Values {
  name: string;
  email: string;
  marketing: boolean;
}

type Field = 'name' | 'email';

// The marketing preference is said as what it now means, not as the checkbox's label.
const fieldLabel: Record<string, MessageKey> = { name: 'vipFieldName', email: 'email' };

/** The member's profile: name, email and marketing preference can be edited; the phone cannot. */
export function VipProfileForm({ locale }: { locale: Locale }) {
  const t: Translate = useCallback((key, values) => translate(locale, key, values), [locale]);
  const [values, setValues] = useState<Values>({ name: '', email: '', marketing: false });
  const [errors, setErrors] = useState<Partial<Record<Field, MessageKey>>>({});
  const [outcome, setOutcome] = useState<{ kind: 'saved' | 'problem'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  // The profile as last saved, over the one loaded.
  const [saved, setSaved] = useState<VipProfile | null>(null);
  const load = useLoad('profile', (signal) => callApi<VipProfile>('/api/vip/profile', { signal }), {
    onLoaded: (result) => {
      if (result.ok) setValues({ name: result.data.name ?? '', email: result.data.email ?? '', marketing: result.data.marketingPreference === true });
    },
  });

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  if (load.pending) return <VipLoading label={t('vipLoading')} rows={2} />;
  if (!load.value.ok) return <VipLoadError failure={loadFailure(load.value)} t={t} onRetry={load.retry} callbackUrl="/vip/profile" />;
  const profile = saved ?? load.value.data;

  function update<K extends keyof Values>(field: K, value: Values[K]) {
    setValues((previous) => ({ ...previous, [field]: value }));
    if (field === 'name' || field === 'email') setErrors((previous) => ({ ...previous, [field]: undefined }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const name = values.name.trim();
    const email = values.email.trim();
    const found: Partial<Record<Field, MessageKey>> = {};
    if (!isValidName(name)) found.name = 'errorName';
    if (!isValidEmail(email)) found.email = 'errorEmail';
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setOutcome(null);
      document.getElementById(found.name ? 'profile-name' : 'profile-email')?.focus();
      return;
    }
    const body: Record<string, unknown> = {};
    if (name !== (profile.name ?? '')) body.display_name = name;
    if (email !== (profile.email ?? '')) body.email = email;
    if (values.marketing !== (profile.marketingPreference === true)) body.marketingPreference = values.marketing;
    if (Object.keys(body).length === 0) {
      setOutcome({ kind: 'saved', text: t('vipProfileNoChanges') });
      return;
    }
    setSaving(true);
    const result = await callApi<{ updatedFields: string[] }>('/api/vip/profile', { method: 'PUT', body });
    setSaving(false);
    if (result.ok) {
      const fields = result.data.updatedFields.filter((field) => field !== 'marketing_preference').map((field) => t(fieldLabel[field] ?? 'vipFieldName'));
      const said = [
        fields.length ? t('vipProfileSaved', { fields: fields.join(', ') }) : null,
        result.data.updatedFields.includes('marketing_preference') ? t(values.marketing ? 'vipMarketingOn' : 'vipMarketingOff') : null,
      ].filter(Boolean);
      setOutcome({ kind: 'saved', text: said.length ? said.join(' ') : t('vipProfileNoChanges') });
      setSaved({ ...profile, name, email, marketingPreference: values.marketing });
      return;
    }
    if (result.code === 'VALIDATION_ERROR') {
      const fields = typeof result.details.fields === 'object' && result.details.fields !== null ? Object.keys(result.details.fields) : [];
      setErrors({
        ...(fields.includes('display_name') ? { name: 'errorName' as const } : {}),
        ...(fields.includes('email') ? { email: 'errorEmail' as const } : {}),
      });
    }
    const message: MessageKey =
      result.code === 'VALIDATION_ERROR'
        ? 'vipProfileInvalid'
        : result.code === 'AUTH_REQUIRED'
          ? 'vipSignedOut'
          : result.code === 'RATE_LIMIT_EXCEEDED'
            ? 'vipRateLimited'
            : result.status === 0
              ? 'vipNetworkError'
              : 'vipServiceError';
    setOutcome({ kind: 'problem', text: t(message) });
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className={`${sectionClass} space-y-4`}>
      <div>
        <label htmlFor="profile-name" className={labelClass}>
          {t('vipFieldName')}
        </label>
        <input
          id="profile-name"
          name="display_name"
          value={values.name}
          maxLength={MAX_NAME}
          autoComplete="name"
          required
          aria-invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? 'profile-name-error' : undefined}
          onChange={(event) => update('name', event.target.value)}
          className={inputClass}
        />
        {errors.name && (
          <p id="profile-name-error" className="mt-1 text-sm font-medium text-red-700">
            {t(errors.name)}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="profile-email" className={labelClass}>
          {t('email')}
        </label>
        <input
          id="profile-email"
          name="email"
          type="email"
          value={values.email}
          maxLength={MAX_EMAIL}
          autoComplete="email"
          required
          aria-invalid={Boolean(errors.email)}
          aria-describedby={[errors.email ? 'profile-email-error' : null, 'profile-email-hint'].filter(Boolean).join(' ')}
          onChange={(event) => update('email', event.target.value)}
          className={inputClass}
        />
        <p id="profile-email-hint" className="mt-1 text-sm text-slate-600">
          {t('vipEmailHint')}
        </p>
        {errors.email && (
          <p id="profile-email-error" className="mt-1 text-sm font-medium text-red-700">
            {t(errors.email)}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="profile-phone" className={labelClass}>
          {t('phone')}
        </label>
        <input
          id="profile-phone"
          name="phone"
          type="tel"
          value={profile.phoneNumber ?? ''}
          readOnly
          aria-describedby="profile-phone-hint"
          className={`${inputClass} bg-slate-50 text-slate-600`}
        />
        <p id="profile-phone-hint" className="mt-1 text-sm text-slate-600">
          {t('vipPhoneReadOnly')}
        </p>
      </div>
      <label className="flex items-start gap-3 text-slate-800">
        <input
          type="checkbox"
          name="marketingPreference"
          checked={values.marketing}
          onChange={(event) => update('marketing', event.target.checked)}
          aria-describedby="profile-marketing-hint"
          className="mt-1 h-4 w-4 shrink-0 accent-turf-600"
        />
        <span>
          {t('vipFieldMarketing')}
          <span id="profile-marketing-hint" className="block text-sm text-slate-600">
            {t('vipMarketingHint')}
          </span>
        </span>
      </label>
      <p className="text-sm text-slate-600">
        {profile.customerStatus === 'linked' ? t('vipProfileLinked', { code: profile.customerCode ?? '' }) : t('vipProfileNotLinked')}{' '}
        {profile.customerStatus !== 'linked' && (
          <Link href="/vip/link" className="font-medium text-turf-700 underline">
            {t('vipLinkAction')}
          </Link>
        )}
      </p>
      {outcome && (
        <p
          ref={outcomeRef}
          tabIndex={-1}
          role={outcome.kind === 'problem' ? 'alert' : 'status'}
          data-testid="vip-profile-outcome"
          className={`rounded-md p-3 focus:outline-none ${outcome.kind === 'problem' ? 'bg-red-50 text-red-900' : 'bg-turf-50 text-turf-900'}`}
        >
          {outcome.text}
        </p>
      )}
      <button type="submit" disabled={saving} aria-busy={saving} className={`${primaryButton} w-full sm:w-auto`}>
        {saving ? t('vipSaving') : t('vipProfileSave')}
      </button>
    </form>
  );
}
