import Link from 'next/link';
import { choiceCard, inputClass, labelClass, radioClass } from '@/components/ui/form-styles';
import type { Locale, MessageKey } from '@/lib/i18n/messages';
import { FieldError, Step, TextField } from './booking-fields';
import { fieldId, formatDate, MAX_EMAIL, MAX_NAME, MAX_SPECIAL_REQUESTS, packageProblem, type Translate } from './booking-rules';
import type { BookingForm } from './use-booking-form';
import { localizedName } from '@/lib/i18n/localized-name';

/** The contact fields, in page order (20 characters hold any phone number as people type it; the server checks it with lib/contact/phone.ts). */
const contactFields: {
  field: 'customerName' | 'customerEmail' | 'customerPhone';
  label: MessageKey;
  type: 'text' | 'email' | 'tel';
  autoComplete: string;
  maxLength: number;
  hint?: MessageKey;
}[] = [
  { field: 'customerName', label: 'name', type: 'text', autoComplete: 'name', maxLength: MAX_NAME },
  { field: 'customerEmail', label: 'email', type: 'email', autoComplete: 'email', maxLength: MAX_EMAIL },
  { field: 'customerPhone', label: 'phone', type: 'tel', autoComplete: 'tel', maxLength: 20, hint: 'phoneHint' },
];

/** Step 3: who is booking (filled in from a signed-in member's profile, still editable), and for members how to pay. */
export function DetailsStep({ form, locale, t }: { form: BookingForm; locale: Locale; t: Translate }) {
  const { details, user, packages, chosenPackage } = form;
  return (
    <Step id="step-details" title={t('stepDetails')}>
      <p className="mt-1 text-sm text-slate-600" data-testid="booking-as">
        {user ? (
          `${t('signedInAs', { name: user.name || user.email || '' })} ${t('detailsFromProfile')}`
        ) : (
          <>
            {t('bookingAsGuest')}{' '}
            <Link href={`/login?callbackUrl=${encodeURIComponent(`/book?date=${form.date}`)}`} className="text-turf-700 underline">
              {t('signInForPackages')}
            </Link>
          </>
        )}
      </p>
      <div className="mt-2 grid gap-3 sm:grid-cols-2">
        {contactFields.map(({ field, label, type, autoComplete, maxLength, hint }) => (
          <div key={field} className={field === 'customerName' ? 'sm:col-span-2' : undefined}>
            <TextField
              field={field}
              label={t(label)}
              type={type}
              value={details[field]}
              autoComplete={autoComplete}
              maxLength={maxLength}
              hint={hint ? t(hint) : undefined}
              error={form.errorFor(field)}
              onChange={(value) => form.updateDetail(field, value)}
            />
          </div>
        ))}
        <div className="sm:col-span-2">
          <label htmlFor={fieldId('specialRequests')} className={labelClass}>
            {t('specialRequests')}
          </label>
          <textarea
            id={fieldId('specialRequests')}
            name="specialRequests"
            rows={2}
            maxLength={MAX_SPECIAL_REQUESTS}
            value={details.specialRequests}
            onChange={(event) => form.updateDetail('specialRequests', event.target.value)}
            aria-invalid={Boolean(form.fieldErrors.specialRequests)}
            aria-describedby={form.describedBy('specialRequests')}
            className={inputClass}
          />
          <FieldError field="specialRequests" message={form.errorFor('specialRequests')} />
        </div>
        {packages.length > 0 && (
          <fieldset id={fieldId('packageId')} tabIndex={-1} aria-describedby={form.describedBy('packageId')} className="focus:outline-none sm:col-span-2">
            <legend className={labelClass}>{t('paymentLegend')}</legend>
            <div className="mt-2 space-y-2">
              <label className={choiceCard}>
                <input type="radio" name="packageId" value="" checked={!chosenPackage} onChange={() => form.choosePackage('')} className={radioClass} />
                <span>{t('payAtVenue')}</span>
              </label>
              {packages.map((pkg) => {
                const why = packageProblem(pkg, form.effectiveDuration, form.date);
                return (
                  <label key={pkg.id} className={choiceCard}>
                    <input
                      type="radio"
                      name="packageId"
                      value={pkg.id}
                      checked={chosenPackage?.id === pkg.id}
                      disabled={Boolean(why)}
                      onChange={() => form.choosePackage(pkg.id)}
                      className={radioClass}
                    />
                    <span>
                      <span className="block font-medium">{t('packageOption', { name: localizedName(locale, pkg.packageName, pkg.packageNameTh), hours: pkg.remainingHours })}</span>
                      <span className="block text-xs text-slate-600">
                        {[pkg.expiryDate ? t('packageExpires', { date: formatDate(pkg.expiryDate, locale) }) : null, why ? t(why) : null].filter(Boolean).join(' · ')}
                      </span>
                    </span>
                  </label>
                );
              })}
            </div>
            <FieldError field="packageId" message={form.errorFor('packageId')} />
          </fieldset>
        )}
      </div>
    </Step>
  );
}
