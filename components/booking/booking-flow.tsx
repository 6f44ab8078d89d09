'use client';

import { LoadError } from '@/components/ui/load-error';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { addDays } from '@/lib/venue/venue-clock';
import {
  fetchActivePackages,
  fetchSessionUser,
  newIdempotencyKey,
  storeConfirmation,
  submitBooking,
  type CreateBookingBody,
  type SessionUser,
} from './booking-api';
import {
  durationChoices,
  endTime,
  estimatePrice,
  FIELD_ORDER,
  fieldErrorsFromApi,
  fieldId,
  formatBaht,
  formatDate,
  freeBaysAt,
  freeHoursFrom,
  isFree,
  MAX_EMAIL,
  MAX_NAME,
  MAX_SPECIAL_REQUESTS,
  packageProblem,
  validateBooking,
  type Availability,
  type BookingField,
  type DetailValues,
  type FieldErrors,
  type HourPackage,
  type Translate,
} from './booking-rules';
import { SlotPicker } from './slot-picker';
import { inputClass, labelClass, primaryButton, radioClass, choiceCard, secondaryButton, sectionClass, sectionHeading } from '@/components/ui/styles';

type LoadState = { kind: 'loading' } | { kind: 'error' } | { kind: 'loaded'; data: Availability };

interface Selection {
  time: string | null;
  bay: string | null;
}

/** Why the last submit did not book, as the panel above the submit button explains it. */
type Problem =
  | { kind: 'validation' }
  | { kind: 'slotTaken'; date: string; startTime: string; bay: string | null; duration: number; alternativeTimes: string[]; chosen: string | null }
  | { kind: 'package'; message: MessageKey }
  | { kind: 'authRequired' }
  | { kind: 'rateLimited'; minutes: number | null }
  | { kind: 'network' }
  | { kind: 'unavailable' };

const DEFAULT_PEOPLE = 2;

/**
 * The booking form on one page: date, then time and bay from live availability, then
 * duration and players, then contact details (and an hour package for members), then
 * submit. Failed submits explain themselves in place and keep everything typed.
 */
export function BookingFlow({
  locale,
  today,
  initial,
}: {
  locale: Locale;
  today: string;
  initial: { date: string; time: string | null; bay: string | null };
}) {
  const t: Translate = useCallback((key, values) => translate(locale, key, values), [locale]);
  const router = useRouter();

  const [date, setDate] = useState(initial.date);
  const [load, setLoad] = useState<LoadState>({ kind: 'loading' });
  const [reloads, setReloads] = useState(0);
  const [selection, setSelection] = useState<Selection>({ time: null, bay: null });
  // The slot a link asked for (home page grid), applied once its date has loaded.
  const preselect = useRef<{ date: string; time: string; bay: string | null } | null>(
    initial.time ? { date: initial.date, time: initial.time, bay: initial.bay } : null,
  );
  const [preselectMissed, setPreselectMissed] = useState<{ time: string; bay: string | null } | null>(null);

  const [duration, setDuration] = useState(1);
  const [people, setPeople] = useState(DEFAULT_PEOPLE);
  const [details, setDetails] = useState<DetailValues>({ customerName: '', customerEmail: '', customerPhone: '', specialRequests: '' });
  const [packageId, setPackageId] = useState('');
  const [user, setUser] = useState<SessionUser | null>(null);
  const [packages, setPackages] = useState<HourPackage[]>([]);

  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);
  const inFlight = useRef(false);
  // The key of the last attempt and what it sent: reused only to retry the same form after
  // the answer was lost (network error, 5xx), so the server can return the booking it made.
  const retryable = useRef<{ key: string; body: string } | null>(null);

  const problemRef = useRef<HTMLDivElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const [focusRequest, setFocusRequest] = useState<{ target: 'problem' | 'submit'; n: number } | null>(null);
  const requestFocus = (target: 'problem' | 'submit') => setFocusRequest((previous) => ({ target, n: (previous?.n ?? 0) + 1 }));

  useEffect(() => {
    if (!focusRequest) return;
    const element = focusRequest.target === 'problem' ? problemRef.current : submitRef.current;
    element?.focus();
    if (focusRequest.target === 'problem') element?.scrollIntoView({ block: 'center' });
  }, [focusRequest]);

  // Live availability of the chosen date; a selection the new answer shows taken is dropped.
  useEffect(() => {
    const controller = new AbortController();
    setLoad({ kind: 'loading' });
    fetch(`/api/availability?date=${encodeURIComponent(date)}`, { cache: 'no-cache', signal: controller.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const data = (await response.json()) as Availability;
        const slots = data.availableSlots;
        const wanted = preselect.current;
        if (wanted && wanted.date === data.date) {
          preselect.current = null;
          const anyBay = slots.find((slot) => slot.available && slot.startTime === wanted.time)?.bay ?? null;
          if (wanted.bay && isFree(slots, wanted.time, wanted.bay)) setSelection({ time: wanted.time, bay: wanted.bay });
          else if (!wanted.bay && anyBay) setSelection({ time: wanted.time, bay: anyBay });
          else {
            // Taken since the link was made: say so, and keep the time if another bay is free then.
            setPreselectMissed({ time: wanted.time, bay: wanted.bay });
            if (anyBay) setSelection({ time: wanted.time, bay: null });
          }
        } else {
          // Keep the time while another bay is free then; drop the bay the answer shows taken.
          setSelection((previous) => {
            if (!previous.time) return previous;
            if (!slots.some((slot) => slot.available && slot.startTime === previous.time)) return { time: null, bay: null };
            if (previous.bay && !isFree(slots, previous.time, previous.bay)) return { time: previous.time, bay: null };
            return previous;
          });
        }
        setLoad({ kind: 'loaded', data });
      })
      .catch((error: Error) => {
        if (error.name !== 'AbortError') setLoad({ kind: 'error' });
      });
    return () => controller.abort();
  }, [date, reloads]);

  // Who is booking: a signed-in member gets their name and email filled in, and their packages offered.
  useEffect(() => {
    const controller = new AbortController();
    void fetchSessionUser(controller.signal).then(async (sessionUser) => {
      if (!sessionUser || controller.signal.aborted) return;
      setUser(sessionUser);
      setDetails((previous) => ({
        ...previous,
        customerName: previous.customerName || sessionUser.name || '',
        customerEmail: previous.customerEmail || sessionUser.email || '',
      }));
      const active = await fetchActivePackages(controller.signal);
      if (!controller.signal.aborted) setPackages(active);
    });
    return () => controller.abort();
  }, []);

  const slots = load.kind === 'loaded' && load.data.date === date ? load.data.availableSlots : null;
  const { time, bay } = selection;
  const chosenSlot = slots && time && bay ? slots.find((slot) => slot.startTime === time && slot.bay === bay && slot.available) : undefined;

  // Durations and party sizes the chosen slot allows; the user's choice is kept and only narrowed.
  const choices = slots ? durationChoices(slots, time, bay) : durationChoices([], null, null);
  const effectiveDuration = choices.includes(duration) ? duration : choices[choices.length - 1]!;
  const maxCapacity = slots?.reduce((max, slot) => Math.max(max, slot.capacity), 0) || 5;
  const capacity = chosenSlot?.capacity ?? null;
  const peopleLimit = capacity ?? maxCapacity;
  const effectivePeople = Math.min(people, peopleLimit);
  const usablePackages = packages.filter((pkg) => !packageProblem(pkg, effectiveDuration, date));
  const chosenPackage = usablePackages.find((pkg) => pkg.id === packageId) ?? null;
  const price = slots && time && bay ? estimatePrice(slots, time, bay, effectiveDuration) : null;

  const formatHours = (hours: number) => (hours === 1 ? t('hoursOne') : t('hoursMany', { n: hours }));

  function clearFieldError(field: BookingField) {
    setFieldErrors((previous) => {
      if (!previous[field]) return previous;
      const next = { ...previous };
      delete next[field];
      return next;
    });
  }

  function changeDate(next: string) {
    if (!next || next === date) return;
    setDate(next);
    setSelection({ time: null, bay: null });
    setPreselectMissed(null);
    clearFieldError('slot');
    if (problem?.kind === 'slotTaken') setProblem(null);
  }

  function chooseTime(next: string) {
    setSelection((previous) => {
      const free = (slots ?? []).filter((slot) => slot.available && slot.startTime === next);
      const keep = previous.bay && free.some((slot) => slot.bay === previous.bay) ? previous.bay : null;
      return { time: next, bay: keep ?? (free.length === 1 ? free[0]!.bay : null) };
    });
    setPreselectMissed(null);
    clearFieldError('slot');
  }

  function chooseBay(next: string) {
    setSelection((previous) => ({ ...previous, bay: next }));
    clearFieldError('slot');
  }

  /** An alternative from the slot-taken panel: another start time in the same bay, or the same time in another bay. */
  function chooseAlternative(alternative: { time: string; bay: string | null }) {
    if (problem?.kind !== 'slotTaken') return;
    setSelection({ time: alternative.time, bay: alternative.bay ?? bay });
    setDuration(problem.duration);
    clearFieldError('slot');
    setProblem({ ...problem, chosen: `${alternative.time}|${alternative.bay ?? ''}` });
    requestFocus('submit');
  }

  function updateDetail(field: keyof DetailValues, value: string) {
    setDetails((previous) => ({ ...previous, [field]: value }));
    clearFieldError(field);
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (inFlight.current || done) return;

    const errors = validateBooking({ time, bay, duration: effectiveDuration, people: effectivePeople, capacity, details });
    if (Object.keys(errors).length > 0) {
      setFieldErrors(errors);
      setProblem({ kind: 'validation' });
      requestFocus('problem');
      return;
    }

    const body: CreateBookingBody = {
      date,
      startTime: time!,
      duration: effectiveDuration,
      bay: bay!,
      customerName: details.customerName.trim(),
      customerEmail: details.customerEmail.trim(),
      customerPhone: details.customerPhone.trim(),
      numberOfPeople: effectivePeople,
      ...(details.specialRequests.trim() ? { specialRequests: details.specialRequests.trim() } : {}),
      ...(chosenPackage ? { packageId: chosenPackage.id } : {}),
      locale,
    };
    const serialized = JSON.stringify(body);
    const key = retryable.current?.body === serialized ? retryable.current.key : newIdempotencyKey();
    retryable.current = null;

    inFlight.current = true;
    setSubmitting(true);
    setFieldErrors({});
    const outcome = await submitBooking(body, key);
    inFlight.current = false;
    setSubmitting(false);

    switch (outcome.kind) {
      case 'success': {
        setDone(true);
        setProblem(null);
        const { bookingReference, confirmationSent, vipCode, demo } = outcome.booking;
        storeConfirmation({
          reference: bookingReference,
          date,
          startTime: body.startTime,
          endTime: endTime(body.startTime, body.duration),
          bay: body.bay ?? '',
          duration: body.duration,
          numberOfPeople: body.numberOfPeople,
          email: body.customerEmail,
          confirmationSent,
          packageName: chosenPackage?.packageName ?? null,
          price: chosenPackage ? null : price,
          vipCode,
          demo,
        });
        // Replace: Back from the confirmation goes where the customer came from, not to a form that would book again.
        router.replace(`/book/confirmed?ref=${encodeURIComponent(bookingReference)}`);
        return;
      }
      case 'validation': {
        const fromApi = fieldErrorsFromApi(outcome.fields);
        setFieldErrors(fromApi);
        setProblem(Object.keys(fromApi).length > 0 ? { kind: 'validation' } : { kind: 'unavailable' });
        break;
      }
      case 'slotTaken':
        setProblem({
          kind: 'slotTaken',
          date: outcome.date,
          startTime: outcome.startTime,
          bay: outcome.bay ?? body.bay ?? null,
          duration: body.duration,
          alternativeTimes: outcome.alternativeTimes,
          chosen: null,
        });
        // Refresh the times below so the taken one disappears and the rest are current.
        setReloads((n) => n + 1);
        break;
      case 'package': {
        const message: MessageKey =
          outcome.code === 'PACKAGE_EXPIRED' ? 'packageExpired' : outcome.code === 'PACKAGE_NOT_FOUND' ? 'packageNotFound' : 'packageHoursInsufficient';
        setFieldErrors({ packageId: message });
        setProblem({ kind: 'package', message });
        break;
      }
      case 'authRequired':
        setProblem({ kind: 'authRequired' });
        break;
      case 'rateLimited':
        setProblem({ kind: 'rateLimited', minutes: outcome.retryAfterSeconds === null ? null : Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60)) });
        break;
      case 'keyRejected':
        setProblem({ kind: 'unavailable' });
        break;
      case 'network':
      case 'unavailable':
        // The booking may or may not have been made: the same form retried with the same key cannot book twice.
        retryable.current = { key, body: serialized };
        setProblem({ kind: outcome.kind });
        break;
    }
    requestFocus('problem');
  }

  const errorFor = (field: BookingField) => (fieldErrors[field] ? t(fieldErrors[field]!) : null);
  const describedBy = (field: BookingField, hint?: string) =>
    [fieldErrors[field] ? `${fieldId(field)}-error` : null, hint].filter(Boolean).join(' ') || undefined;

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="space-y-5" aria-describedby="booking-intro">
      {/* 1. Date */}
      <section aria-labelledby="step-date" className={sectionClass}>
        <h2 id="step-date" className={sectionHeading}>
          {t('stepDate')}
        </h2>
        <div className="mt-3 flex flex-wrap items-end gap-2">
          <button type="button" onClick={() => changeDate(addDays(date, -1))} disabled={date <= today} className={secondaryButton} aria-label={t('previousDay')}>
            ‹
          </button>
          <label className={labelClass}>
            {t('dateLabel')}
            <input
              type="date"
              name="date"
              value={date}
              min={today}
              onChange={(event) => changeDate(event.target.value)}
              className="mt-1 block rounded-md border border-slate-300 px-2 py-1.5 text-base focus:border-turf-500 focus:outline-none focus:ring-2 focus:ring-turf-500"
            />
          </label>
          <button type="button" onClick={() => changeDate(addDays(date, 1))} className={secondaryButton} aria-label={t('nextDay')}>
            ›
          </button>
        </div>
        <p className="mt-2 text-sm text-slate-600" aria-live="polite">
          {formatDate(date, locale)}
        </p>
      </section>

      {/* 2. Time and bay */}
      <section aria-labelledby="step-slot" className={sectionClass}>
        <h2 id="step-slot" className={sectionHeading}>
          {t('stepSlot')}
        </h2>
        {preselectMissed && (
          <p className="mt-3 rounded-md bg-amber-50 p-3 text-amber-900">
            {preselectMissed.bay
              ? t('preselectTaken', { time: preselectMissed.time, bay: preselectMissed.bay })
              : t('preselectTakenAnyBay', { time: preselectMissed.time })}
          </p>
        )}
        <div className="mt-3" aria-live="polite" aria-busy={load.kind === 'loading'}>
          {load.kind === 'loading' && <SlotSkeleton label={t('loadingTimes')} />}
          {load.kind === 'error' && <LoadError message={t('loadFailed')} retryLabel={t('retry')} onRetry={() => setReloads((n) => n + 1)} />}
          {load.kind === 'loaded' && slots && (
            <SlotPicker
              slots={slots}
              isPast={date < today}
              time={time}
              bay={bay}
              error={errorFor('slot')}
              onTime={chooseTime}
              onBay={chooseBay}
              onNextDay={() => changeDate(addDays(date, 1))}
              t={t}
            />
          )}
        </div>
      </section>

      {/* 3. Duration and players */}
      <section aria-labelledby="step-duration" className={sectionClass}>
        <h2 id="step-duration" className={sectionHeading}>
          {t('stepDuration')}
        </h2>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor={fieldId('duration')} className={labelClass}>
              {t('durationLabel')}
            </label>
            <select
              id={fieldId('duration')}
              name="duration"
              value={effectiveDuration}
              onChange={(event) => {
                setDuration(Number(event.target.value));
                clearFieldError('duration');
              }}
              aria-invalid={Boolean(fieldErrors.duration)}
              aria-describedby={describedBy('duration', time && bay ? 'duration-hint' : undefined)}
              className={inputClass}
            >
              {choices.map((hours) => (
                <option key={hours} value={hours}>
                  {formatHours(hours)}
                </option>
              ))}
            </select>
            {time && bay && slots && (
              <p id="duration-hint" className="mt-1 text-sm text-slate-600">
                {t('durationHint', { hours: formatHours(choices[choices.length - 1]!), time, bay })}
              </p>
            )}
            <FieldError field="duration" message={errorFor('duration')} />
          </div>
          <div>
            <label htmlFor={fieldId('numberOfPeople')} className={labelClass}>
              {t('peopleLabel')}
            </label>
            <select
              id={fieldId('numberOfPeople')}
              name="numberOfPeople"
              value={effectivePeople}
              onChange={(event) => {
                setPeople(Number(event.target.value));
                clearFieldError('numberOfPeople');
              }}
              aria-invalid={Boolean(fieldErrors.numberOfPeople)}
              aria-describedby={describedBy('numberOfPeople', capacity !== null ? 'people-hint' : undefined)}
              className={inputClass}
            >
              {Array.from({ length: peopleLimit }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            {capacity !== null && bay && (
              <p id="people-hint" className="mt-1 text-sm text-slate-600">
                {t('peopleHint', { bay, n: capacity })}
              </p>
            )}
            <FieldError field="numberOfPeople" message={errorFor('numberOfPeople')} />
          </div>
        </div>
      </section>

      {/* 4. Details */}
      <section aria-labelledby="step-details" className={sectionClass}>
        <h2 id="step-details" className={sectionHeading}>
          {t('stepDetails')}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {user ? (
            t('signedInAs', { name: user.name || user.email || '' })
          ) : (
            <>
              {t('bookingAsGuest')}{' '}
              <Link href={`/login?callbackUrl=${encodeURIComponent(`/book?date=${date}`)}`} className="text-turf-700 underline">
                {t('signInForPackages')}
              </Link>
            </>
          )}
        </p>
        <div className="mt-3 space-y-4">
          <TextField
            field="customerName"
            label={t('name')}
            value={details.customerName}
            autoComplete="name"
            maxLength={MAX_NAME}
            error={errorFor('customerName')}
            onChange={(value) => updateDetail('customerName', value)}
          />
          <TextField
            field="customerEmail"
            label={t('email')}
            type="email"
            value={details.customerEmail}
            autoComplete="email"
            maxLength={MAX_EMAIL}
            error={errorFor('customerEmail')}
            onChange={(value) => updateDetail('customerEmail', value)}
          />
          <TextField
            field="customerPhone"
            label={t('phone')}
            type="tel"
            value={details.customerPhone}
            autoComplete="tel"
            maxLength={20}
            hint={t('phoneHint')}
            error={errorFor('customerPhone')}
            onChange={(value) => updateDetail('customerPhone', value)}
          />
          <div>
            <label htmlFor={fieldId('specialRequests')} className={labelClass}>
              {t('specialRequests')}
            </label>
            <textarea
              id={fieldId('specialRequests')}
              name="specialRequests"
              rows={3}
              maxLength={MAX_SPECIAL_REQUESTS}
              value={details.specialRequests}
              onChange={(event) => updateDetail('specialRequests', event.target.value)}
              aria-invalid={Boolean(fieldErrors.specialRequests)}
              aria-describedby={describedBy('specialRequests')}
              className={inputClass}
            />
            <FieldError field="specialRequests" message={errorFor('specialRequests')} />
          </div>
          {packages.length > 0 && (
            <fieldset id={fieldId('packageId')} tabIndex={-1} aria-describedby={describedBy('packageId')} className="focus:outline-none">
              <legend className={labelClass}>{t('paymentLegend')}</legend>
              <div className="mt-2 space-y-2">
                <label className={choiceCard}>
                  <input type="radio" name="packageId" value="" checked={!chosenPackage} onChange={() => setPackageId('')} className={radioClass} />
                  <span>{t('payAtVenue')}</span>
                </label>
                {packages.map((pkg) => {
                  const why = packageProblem(pkg, effectiveDuration, date);
                  return (
                    <label key={pkg.id} className={choiceCard}>
                      <input
                        type="radio"
                        name="packageId"
                        value={pkg.id}
                        checked={chosenPackage?.id === pkg.id}
                        disabled={Boolean(why)}
                        onChange={() => {
                          setPackageId(pkg.id);
                          clearFieldError('packageId');
                        }}
                        className={radioClass}
                      />
                      <span>
                        <span className="block font-medium">{t('packageOption', { name: pkg.packageName, hours: pkg.remainingHours })}</span>
                        <span className="block text-xs text-slate-600">
                          {[pkg.expiryDate ? t('packageExpires', { date: formatDate(pkg.expiryDate, locale) }) : null, why ? t(why) : null]
                            .filter(Boolean)
                            .join(' · ')}
                        </span>
                      </span>
                    </label>
                  );
                })}
              </div>
              <FieldError field="packageId" message={errorFor('packageId')} />
            </fieldset>
          )}
        </div>
      </section>

      {/* Summary, problems, submit */}
      <section aria-labelledby="summary-heading" className={sectionClass}>
        <h2 id="summary-heading" className={sectionHeading}>
          {t('summaryHeading')}
        </h2>
        {time && bay ? (
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-slate-800" data-testid="booking-summary">
            <dt className="text-slate-500">{t('dateLabel')}</dt>
            <dd>{formatDate(date, locale)}</dd>
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
              fieldErrors={fieldErrors}
              locale={locale}
              t={t}
              formatHours={formatHours}
              otherBays={
                problem.kind === 'slotTaken' && slots && problem.date === date
                  ? freeBaysAt(slots, problem.startTime)
                      .filter((slot) => slot.bay !== problem.bay && slot.capacity >= effectivePeople && freeHoursFrom(slots, slot.startTime, slot.bay) >= problem.duration)
                      .map((slot) => slot.bay)
                  : []
              }
              onAlternative={chooseAlternative}
              onRetry={() => void submit()}
              submitting={submitting}
            />
          </div>
        )}

        <button ref={submitRef} type="submit" disabled={submitting || done} aria-busy={submitting} className={`${primaryButton} mt-4 w-full sm:w-auto`}>
          {submitting || done ? t('submitting') : t('submitBooking')}
        </button>
      </section>
    </form>
  );
}

function TextField(props: {
  field: Extract<BookingField, 'customerName' | 'customerEmail' | 'customerPhone'>;
  label: string;
  value: string;
  type?: 'text' | 'email' | 'tel';
  autoComplete: string;
  maxLength: number;
  hint?: string;
  error: string | null;
  onChange: (value: string) => void;
}) {
  const id = fieldId(props.field);
  const describedBy = [props.error ? `${id}-error` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {props.label}
      </label>
      <input
        id={id}
        name={props.field}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        required
        aria-invalid={Boolean(props.error)}
        aria-describedby={describedBy}
        onChange={(event) => props.onChange(event.target.value)}
        className={inputClass}
      />
      {props.hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {props.hint}
        </p>
      )}
      <FieldError field={props.field} message={props.error} />
    </div>
  );
}

function FieldError({ field, message }: { field: BookingField; message: string | null }) {
  if (!message) return null;
  return (
    <p id={`${fieldId(field)}-error`} className="mt-1 text-sm font-medium text-red-700">
      {message}
    </p>
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

function SlotSkeleton({ label }: { label: string }) {
  return (
    <div role="status" className="animate-pulse space-y-2">
      <span className="sr-only">{label}</span>
      <div className="grid grid-cols-4 gap-2 sm:grid-cols-7">
        {Array.from({ length: 8 }, (_, cell) => (
          <div key={cell} className="h-10 rounded-md bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
