import Link from 'next/link';
import type { RefObject } from 'react';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import { sectionClass, sectionHeading } from '@/components/ui/form-styles';
import type { Locale } from '@/lib/i18n/messages';
import { endTime, FIELD_ORDER, fieldId, formatBaht, formatDate, type BookingField, type FieldErrors, type Translate } from './booking-rules';
import type { BookingForm, Problem } from './use-booking-form';

/** The booking as it will be made, why the last submit did not book, and the submit button. */
export function SummaryStep({
  form,
  problemRef,
  submitRef,
  locale,
  t,
}: {
  form: BookingForm;
  problemRef: RefObject<HTMLDivElement | null>;
  submitRef: RefObject<HTMLButtonElement | null>;
  locale: Locale;
  t: Translate;
}) {
  const { time, bay, effectiveDuration, effectivePeople, chosenPackage, price, problem, formatHours } = form;
  return (
    <section aria-labelledby="summary-heading" className={sectionClass}>
      <h2 id="summary-heading" className={sectionHeading}>
        {t('summaryHeading')}
      </h2>
      {time && bay ? (
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800" data-testid="booking-summary">
          <dt className="text-slate-500">{t('dateLabel')}</dt>
          <dd>{formatDate(form.date, locale)}</dd>
          <dt className="text-slate-500">{t('time')}</dt>
          <dd className="font-mono">
            {time}–{endTime(time, effectiveDuration)} ({formatHours(effectiveDuration)})
          </dd>
          <dt className="text-slate-500">{t('bayLabel')}</dt>
          <dd>{bay}</dd>
          <dt className="text-slate-500">{t('peopleShort')}</dt>
          <dd>{effectivePeople === 1 ? t('personOne') : t('personMany', { n: effectivePeople })}</dd>
          <dt className="text-slate-500">{t('priceLabel')}</dt>
          <dd>
            {chosenPackage
              ? t('pricePackage', { hours: formatHours(effectiveDuration), name: chosenPackage.packageName })
              : price !== null
                ? t('priceAtVenue', { price: formatBaht(price) })
                : '—'}
          </dd>
        </dl>
      ) : (
        <p className="mt-2 text-slate-600">{t('chooseSlotFirst')}</p>
      )}

      {problem && (
        <div ref={problemRef} tabIndex={-1} role="alert" data-testid="booking-problem" className="mt-4 rounded-md border border-red-200 bg-red-50 p-4 text-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500">
          <ProblemMessage
            problem={problem}
            fieldErrors={form.fieldErrors}
            locale={locale}
            t={t}
            formatHours={formatHours}
            otherBays={form.otherBays}
            onAlternative={form.chooseAlternative}
            onRetry={() => void form.submit()}
            submitting={form.submitting}
          />
        </div>
      )}

      <button ref={submitRef} type="submit" disabled={form.submitting || form.done} aria-busy={form.submitting} className={`${primaryButton} mt-4 w-full sm:w-auto`}>
        {form.submitting || form.done ? t('submitting') : t('submitBooking')}
      </button>
    </section>
  );
}

/** Moves focus to a field named in the error summary (the first enabled control inside it). */
function focusField(field: BookingField) {
  const element = document.getElementById(fieldId(field));
  if (!element) return;
  const control = element.matches('input, select, textarea') ? element : element.querySelector<HTMLElement>('input:not([disabled]), select, textarea');
  (control ?? element).focus();
}

function ProblemMessage({
  problem,
  fieldErrors,
  locale,
  t,
  formatHours,
  otherBays,
  onAlternative,
  onRetry,
  submitting,
}: {
  problem: Problem;
  fieldErrors: FieldErrors;
  locale: Locale;
  t: Translate;
  formatHours: (hours: number) => string;
  otherBays: string[];
  onAlternative: (alternative: { time: string; bay: string | null }) => void;
  onRetry: () => void;
  submitting: boolean;
}) {
  switch (problem.kind) {
    case 'validation': {
      const fields = FIELD_ORDER.filter((field) => fieldErrors[field]);
      return (
        <>
          <h3 className="font-semibold">{t('errorSummaryHeading')}</h3>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {fields.map((field) => (
              <li key={field}>
                <a
                  href={`#${fieldId(field)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focusField(field);
                  }}
                  className="underline"
                >
                  {t(fieldErrors[field]!)}
                </a>
              </li>
            ))}
          </ul>
        </>
      );
    }
    case 'slotTaken': {
      const chosen = problem.chosen?.split('|') ?? null;
      const choiceButton = `${secondaryButton} aria-pressed:border-turf-600 aria-pressed:bg-turf-100 aria-pressed:text-turf-900`;
      return (
        <>
          <h3 className="font-semibold">{t('slotTakenHeading')}</h3>
          <p className="mt-1">
            {t('slotTakenBody', { bay: problem.bay ?? '', time: problem.startTime, date: formatDate(problem.date, locale) })}
          </p>
          {problem.alternativeTimes.length > 0 && (
            <>
              <p className="mt-2">{t('slotTakenAlternatives', { bay: problem.bay ?? '', duration: formatHours(problem.duration) })}</p>
              <ul className="mt-2 flex flex-wrap gap-2" aria-label={t('alternativeTimesLabel')}>
                {problem.alternativeTimes.map((alternative) => (
                  <li key={alternative}>
                    <button
                      type="button"
                      onClick={() => onAlternative({ time: alternative, bay: problem.bay })}
                      aria-pressed={problem.chosen === `${alternative}|${problem.bay ?? ''}`}
                      className={`${choiceButton} font-mono`}
                    >
                      {alternative}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {otherBays.length > 0 && (
            <>
              <p className="mt-3">{t('slotTakenOtherBays', { time: problem.startTime })}</p>
              <ul className="mt-2 flex flex-wrap gap-2" aria-label={t('alternativeBaysLabel')}>
                {otherBays.map((other) => (
                  <li key={other}>
                    <button
                      type="button"
                      onClick={() => onAlternative({ time: problem.startTime, bay: other })}
                      aria-pressed={problem.chosen === `${problem.startTime}|${other}`}
                      className={choiceButton}
                    >
                      {other}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {problem.alternativeTimes.length === 0 && otherBays.length === 0 && <p className="mt-2">{t('slotTakenNone')}</p>}
          {chosen && (
            <p className="mt-2 font-medium text-turf-900">{t('alternativeChosen', { time: chosen[0] ?? '', bay: chosen[1] || problem.bay || '' })}</p>
          )}
        </>
      );
    }
    case 'package':
      return <p>{t(problem.message)}</p>;
    case 'authRequired':
      return (
        <p>
          {t('sessionExpired')}{' '}
          <Link href="/login?callbackUrl=%2Fbook" className="underline">
            {t('signIn')}
          </Link>
        </p>
      );
    case 'rateLimited':
      return <p>{problem.minutes === null ? t('rateLimitedSoon') : t('rateLimited', { minutes: problem.minutes })}</p>;
    case 'network':
    case 'unavailable':
      return (
        <>
          <p>{problem.kind === 'network' ? t('networkError') : t('serviceUnavailable')}</p>
          <button type="button" onClick={onRetry} disabled={submitting} className={`${secondaryButton} mt-2`}>
            {t('retryBooking')}
          </button>
        </>
      );
  }
}
