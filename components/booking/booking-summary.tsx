import Link from 'next/link';
import type { RefObject } from 'react';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import { chipButton } from '@/components/ui/form-styles';
import type { Locale } from '@/lib/i18n/messages';
import { endTime, FIELD_ORDER, fieldId, formatBaht, formatDate, type BookingField, type FieldErrors, type Translate } from './booking-rules';
import type { BookingForm, Problem } from './use-booking-form';

/**
 * The booking as it will be made (bay, date, time, duration, players, price) and the submit
 * button, always in view: a bar fixed to the bottom of a phone's screen, a card that stays
 * beside the form on a desktop.
 */
export function SummaryStep({
  form,
  submitRef,
  locale,
  t,
}: {
  form: BookingForm;
  submitRef: RefObject<HTMLButtonElement | null>;
  locale: Locale;
  t: Translate;
}) {
  const { time, bay, effectiveDuration, effectivePeople, chosenPackage, price, formatHours } = form;
  const chosen = time && bay;
  const range = chosen ? `${time}–${endTime(time, effectiveDuration)}` : '';
  const when = `${range} (${formatHours(effectiveDuration)})`;
  const bayText = bay ? form.bayName(bay) : '';
  const players = effectivePeople === 1 ? t('personOne') : t('personMany', { n: effectivePeople });
  const cost = chosenPackage
    ? t('pricePackage', { hours: formatHours(effectiveDuration), name: chosenPackage.packageName })
    : price !== null
      ? t('priceAtVenue', { price: formatBaht(price) })
      : '—';
  const rows = [
    { label: t('dateLabel'), value: formatDate(form.date, locale) },
    { label: t('time'), value: when },
    { label: t('bayLabel'), value: bayText },
    { label: t('peopleShort'), value: players },
    { label: t('priceLabel'), value: cost },
  ];
  return (
    <section
      aria-labelledby="summary-heading"
      data-testid="booking-bar"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white px-4 py-2 shadow-[0_-4px_12px_rgba(15,23,42,0.08)] lg:sticky lg:inset-auto lg:top-4 lg:z-auto lg:rounded-xl lg:border-0 lg:p-5 lg:shadow-sm lg:ring-1 lg:ring-slate-200"
    >
      <div className="mx-auto flex max-w-3xl items-center gap-3 lg:block">
        <div className="min-w-0 flex-1">
          <h2 id="summary-heading" className="sr-only lg:not-sr-only lg:text-lg lg:font-semibold lg:text-turf-900">
            {t('summaryHeading')}
          </h2>
          {chosen ? (
            <div data-testid="booking-summary">
              {/* A phone's bar: two short lines (bay, time and price, then date and duration); a desktop's card: the full list with the players. */}
              <p className="text-sm leading-snug text-slate-800 lg:hidden">
                <span className="block font-semibold text-turf-900">
                  {bayText} · {range} · {chosenPackage ? chosenPackage.packageName : price !== null ? t('priceBaht', { price: formatBaht(price) }) : '—'}
                </span>
                <span className="block">
                  {formatDate(form.date, locale)} · {formatHours(effectiveDuration)}
                </span>
              </p>
              <dl className="mt-3 hidden grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800 lg:grid">
                {rows.map((row) => (
                  <div key={row.label} className="contents">
                    <dt className="text-slate-600">{row.label}</dt>
                    <dd className={row.label === t('priceLabel') ? 'font-semibold text-turf-900' : undefined}>{row.value}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ) : (
            <p className="text-sm text-slate-600 lg:mt-2 lg:text-base">{t('chooseSlotFirst')}</p>
          )}
        </div>
        <button ref={submitRef} type="submit" disabled={form.submitting || form.done} aria-busy={form.submitting} className={`${primaryButton} shrink-0 lg:mt-4 lg:w-full`}>
          {form.submitting || form.done ? t('submitting') : t('submitBooking')}
        </button>
      </div>
    </section>
  );
}

/** Why the last submit did not book, at the end of the form (it takes focus), with the way on. */
export function ProblemPanel({ form, problemRef, locale, t }: { form: BookingForm; problemRef: RefObject<HTMLDivElement | null>; locale: Locale; t: Translate }) {
  const { problem } = form;
  if (!problem) return null;
  return (
    <div
      ref={problemRef}
      tabIndex={-1}
      role="alert"
      data-testid="booking-problem"
      className="rounded-md border border-red-200 bg-red-50 p-4 text-red-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500"
    >
      <ProblemMessage
        problem={problem}
        fieldErrors={form.fieldErrors}
        locale={locale}
        t={t}
        formatHours={form.formatHours}
        otherBays={form.otherBays}
        bayName={form.bayName}
        priceOf={form.alternativePrice}
        onAlternative={form.chooseAlternative}
        onRetry={() => void form.submit()}
        submitting={form.submitting}
      />
    </div>
  );
}

/** Moves focus to a field named in the error summary (the first enabled control inside it). */
function focusField(field: BookingField) {
  const element = document.getElementById(fieldId(field));
  if (!element) return;
  const control = element.matches('input, select, textarea') ? element : element.querySelector<HTMLElement>('input:not([disabled]), select, textarea, button:not([disabled])');
  (control ?? element).focus();
}

function ProblemMessage({
  problem,
  fieldErrors,
  locale,
  t,
  formatHours,
  otherBays,
  bayName,
  priceOf,
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
  bayName: (name: string) => string;
  priceOf: (alternative: { time: string; bay: string }) => { price: number; more: number } | null;
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
      const takenBay = problem.bay ? bayName(problem.bay) : '';
      return (
        <>
          <h3 className="font-semibold">{t('slotTakenHeading')}</h3>
          <p className="mt-1">
            {t('slotTakenBody', { bay: takenBay, time: problem.startTime, date: formatDate(problem.date, locale) })}
          </p>
          {problem.alternativeTimes.length > 0 && (
            <>
              <p className="mt-2">{t('slotTakenAlternatives', { bay: takenBay, duration: formatHours(problem.duration) })}</p>
              <ul className="mt-2 flex flex-wrap gap-2" aria-label={t('alternativeTimesLabel')}>
                {problem.alternativeTimes.map((alternative) => (
                  <li key={alternative}>
                    <button
                      type="button"
                      onClick={() => onAlternative({ time: alternative, bay: problem.bay })}
                      aria-pressed={problem.chosen === `${alternative}|${problem.bay ?? ''}`}
                      className={`${chipButton} min-w-20`}
                    >
                      <span className="font-mono">{alternative}</span>
                      <AlternativePrice quote={problem.bay ? priceOf({ time: alternative, bay: problem.bay }) : null} t={t} />
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
                      className={`${chipButton} min-w-20`}
                    >
                      <span>{bayName(other)}</span>
                      <AlternativePrice quote={priceOf({ time: problem.startTime, bay: other })} t={t} />
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {problem.alternativeTimes.length === 0 && otherBays.length === 0 && <p className="mt-2">{t('slotTakenNone')}</p>}
          {chosen && (
            <p className="mt-2 font-medium text-turf-900">{t('alternativeChosen', { time: chosen[0] ?? '', bay: chosen[1] ? bayName(chosen[1]) : takenBay })}</p>
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

/** An alternative's price for the same duration, and how much more it costs than the taken slot (a later hour may be peak). */
function AlternativePrice({ quote, t }: { quote: { price: number; more: number } | null; t: Translate }) {
  if (!quote) return null;
  return (
    <span className="text-xs font-normal text-slate-700">
      <span className="sr-only">, </span>
      {t('priceBaht', { price: formatBaht(quote.price) })}
      {quote.more > 0 && (
        <span className="block font-medium text-amber-800" data-testid="costs-more">
          {t('costsMore', { price: formatBaht(quote.more) })}
        </span>
      )}
    </span>
  );
}
