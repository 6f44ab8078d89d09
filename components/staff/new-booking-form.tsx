'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { callApi, isRecord } from '@/components/api/client-fetch';
import { useAvailability, useLoad } from '@/components/api/use-load';
import { choiceCard, inputClass, labelClass, radioClass } from '@/components/ui/form-styles';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import type { DaySheet, DaySheetBooking, DeskCustomer } from '@/lib/db/functions';
import { localizedName } from '@/lib/i18n/localized-name';
import type { Locale, MessageKey } from '@/lib/i18n/messages';
import { DURATIONS, endTime, estimatePrice, fromMinutes, MAX_EMAIL, MAX_NAME, MAX_SPECIAL_REQUESTS, toMinutes } from '@/lib/venue/booking-rules';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/** Where the desk asked to book: a free cell's bay and hour, or nothing chosen yet (the button). */
export interface BookingPreset {
  bay?: string;
  startTime?: string;
}

const bookingError: Record<string, MessageKey> = {
  SLOT_UNAVAILABLE: 'nbErrTaken',
  VALIDATION_ERROR: 'nbErrTime',
  PACKAGE_HOURS_INSUFFICIENT: 'nbErrPackage',
  PACKAGE_EXPIRED: 'nbErrPackage',
  PACKAGE_NOT_FOUND: 'nbErrPackage',
  CUSTOMER_NOT_FOUND: 'nbErrCustomerGone',
};

/** A search answer of GET /api/staff/customers, kept with the query it answers. */
type Search = { q: string; state: 'short' } | { q: string; state: 'done'; customers: DeskCustomer[] } | { q: string; state: 'failed' };

/** How long typing pauses before the search asks (each keystroke would be a request). */
const SEARCH_DELAY_MS = 300;

/**
 * The desk books for a customer on the phone or at the desk: find the customer record (phone,
 * name or booking reference) or add one, then the bay, start, hours, people and payment of the
 * sheet's day, with the price shown. Escape closes it; the sheet shows the booking once made.
 */
export function NewBookingForm({
  sheet,
  preset,
  locale,
  t,
  onClose,
  onBooked,
}: {
  sheet: DaySheet;
  preset: BookingPreset;
  /** The desk's language: what the form speaks, and the customer's messages' language unless changed. */
  locale: Locale;
  t: T;
  onClose: () => void;
  onBooked: (booking: DaySheetBooking) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [customer, setCustomer] = useState<DeskCustomer | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section
      aria-labelledby="new-booking-heading"
      data-testid="new-booking"
      className="mb-4 rounded-xl bg-white p-4 shadow-md ring-1 ring-turf-300"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <div className="mb-3 flex items-start gap-2">
        <h2 id="new-booking-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold text-turf-900 focus:outline-none">
          {t('nbTitle', { date: sheet.date })}
        </h2>
        <button type="button" onClick={onClose} className={`${secondaryButton} ml-auto`}>
          {t('nbClose')}
        </button>
      </div>
      {customer ? (
        <>
          <div className="mb-3 flex flex-wrap items-center gap-2 rounded-md bg-turf-50 px-3 py-2" data-testid="chosen-customer">
            <p>
              <span className="font-semibold">{customer.name}</span> · {customer.phone} · {t(customer.member ? 'dsMember' : 'dsGuest')}
            </p>
            <button type="button" onClick={() => setCustomer(null)} className={`${secondaryButton} ml-auto`}>
              {t('nbChangeCustomer')}
            </button>
          </div>
          {notice && (
            <p role="status" className="mb-3 text-sm text-turf-800">
              {notice}
            </p>
          )}
          <BookingFields sheet={sheet} preset={preset} customer={customer} locale={locale} t={t} onBooked={onBooked} />
        </>
      ) : (
        <CustomerPicker
          t={t}
          onPicked={(picked, message) => {
            setCustomer(picked);
            setNotice(message ?? null);
          }}
        />
      )}
    </section>
  );
}

/** Finds a customer record as the desk types, or adds one. */
function CustomerPicker({ t, onPicked }: { t: T; onPicked: (customer: DeskCustomer, notice?: string) => void }) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const q = query.trim();

  // The search follows the typing after a pause; Enter asks at once.
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(typed), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [typed]);

  const search = useLoad<Search>(`customers:${q}`, async (signal) => {
    if (q.length < 2) return { q, state: 'short' };
    const result = await callApi<{ customers: DeskCustomer[] }>(`/api/staff/customers?q=${encodeURIComponent(q)}`, { signal });
    return result.ok ? { q, state: 'done', customers: result.data.customers } : { q, state: 'failed' };
  });
  const answer = search.pending ? null : search.value;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(typed);
  };

  return (
    <div>
      <form role="search" onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <label htmlFor={`${id}-q`} className={`${labelClass} w-full`}>
          {t('nbFind')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          autoComplete="off"
          value={typed}
          maxLength={120}
          onChange={(event) => setTyped(event.target.value)}
          className={`${inputClass} !mt-0 min-w-0 flex-1`}
          aria-describedby={`${id}-state`}
        />
        <button type="submit" className={secondaryButton}>
          {t('nbSearch')}
        </button>
      </form>
      <div id={`${id}-state`} aria-live="polite" className="mt-2 text-sm">
        {q.length >= 2 && search.pending && <p className="text-slate-500">{t('nbSearching')}</p>}
        {answer?.state === 'short' && typed.trim().length > 0 && <p className="text-slate-500">{t('nbTypeMore')}</p>}
        {answer?.state === 'failed' && (
          <p role="alert" className="text-red-700">
            {t('nbSearchFailed')}{' '}
            <button type="button" onClick={search.retry} className="underline">
              {t('retry')}
            </button>
          </p>
        )}
        {answer?.state === 'done' && answer.customers.length === 0 && <p className="text-slate-700">{t('nbNoMatch')}</p>}
      </div>
      {answer?.state === 'done' && answer.customers.length > 0 && (
        <ul aria-label={t('nbResults')} className="mt-2 space-y-1" data-testid="customer-results">
          {answer.customers.map((found) => (
            <li key={found.id}>
              <button
                type="button"
                onClick={() => onPicked(found)}
                aria-label={t('nbPick', { name: found.name })}
                className="flex w-full flex-wrap items-baseline gap-x-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-left hover:border-turf-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500"
              >
                <span className="font-semibold">{found.name}</span>
                <span className="font-mono text-sm">{found.phone}</span>
                <span className="text-sm text-slate-600">
                  {t(found.member ? 'dsMember' : 'dsGuest')}
                  {found.packages.length > 0 && ` · ${found.packages.map((p) => t('nbPackageOption', { name: p.name, hours: p.remainingHours })).join(', ')}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <details className="mt-3" open={adding} onToggle={(event) => setAdding(event.currentTarget.open)}>
        <summary className="cursor-pointer font-medium text-turf-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500">{t('nbAddCustomer')}</summary>
        {adding && <NewCustomer typed={typed.trim()} t={t} onPicked={onPicked} />}
      </details>
    </div>
  );
}

/** The typed search, when it reads as a phone number, starts the new record's phone; else its name. */
const looksLikePhone = (text: string) => /^[0-9 +().-]{6,}$/.test(text);

function NewCustomer({ typed, t, onPicked }: { typed: string; t: T; onPicked: (customer: DeskCustomer, notice?: string) => void }) {
  const id = useId();
  const [name, setName] = useState(looksLikePhone(typed) ? '' : typed);
  const [phone, setPhone] = useState(looksLikePhone(typed) ? typed : '');
  const [email, setEmail] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ message: string; fields: string[] } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const result = await callApi<{ customer: DeskCustomer }>('/api/staff/customers', {
      method: 'POST',
      body: { name, phone, ...(email.trim() ? { email } : {}) },
    });
    setSaving(false);
    if (result.ok) return onPicked(result.data.customer);
    const existing = result.code === 'CUSTOMER_EXISTS' && isRecord(result.details.customer) ? (result.details.customer as DeskCustomer) : null;
    if (existing) return onPicked(existing, t('nbCustomerExists', { name: existing.name }));
    const fields = isRecord(result.details.fields) ? Object.keys(result.details.fields) : [];
    setError({ message: t(result.code === 'VALIDATION_ERROR' ? 'nbCustomerInvalid' : 'nbErrFailed'), fields });
  };
  const invalid = (field: string) => (error?.fields.includes(field) ? true : undefined);

  return (
    <form onSubmit={(event) => void submit(event)} className="mt-2 grid gap-2 sm:grid-cols-3" aria-describedby={error ? `${id}-error` : undefined}>
      <div>
        <label htmlFor={`${id}-phone`} className={labelClass}>
          {t('nbPhone')}
        </label>
        <input id={`${id}-phone`} type="tel" required autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} aria-invalid={invalid('phone')} className={inputClass} />
      </div>
      <div>
        <label htmlFor={`${id}-name`} className={labelClass}>
          {t('nbName')}
        </label>
        <input id={`${id}-name`} required autoComplete="off" maxLength={MAX_NAME} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={invalid('name')} className={inputClass} />
      </div>
      <div>
        <label htmlFor={`${id}-email`} className={labelClass}>
          {t('nbEmailOptional')}
        </label>
        <input id={`${id}-email`} type="email" autoComplete="off" maxLength={MAX_EMAIL} value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={invalid('email')} className={inputClass} />
      </div>
      <div className="sm:col-span-3">
        <button type="submit" disabled={saving} className={secondaryButton}>
          {saving ? t('nbSavingCustomer') : t('nbSaveCustomer')}
        </button>
        {error && (
          <p id={`${id}-error`} role="alert" className="mt-1 text-red-700">
            {error.message}
          </p>
        )}
      </div>
    </form>
  );
}

/** Half-hour starts of the sheet's opening hours that leave at least the shortest booking. */
function startTimes(sheet: DaySheet): string[] {
  if (!sheet.opens || !sheet.closes) return [];
  const closes = toMinutes(sheet.closes) || 1440;
  const times: string[] = [];
  for (let minute = toMinutes(sheet.opens); minute + DURATIONS[0]! * 60 <= closes; minute += 30) times.push(fromMinutes(minute));
  return times;
}

function BookingFields({
  sheet,
  preset,
  customer,
  locale,
  t,
  onBooked,
}: {
  sheet: DaySheet;
  preset: BookingPreset;
  customer: DeskCustomer;
  locale: Locale;
  t: T;
  onBooked: (booking: DaySheetBooking) => void;
}) {
  const id = useId();
  const times = startTimes(sheet);
  const [source, setSource] = useState<'walk_in' | 'phone'>('walk_in');
  const [bay, setBay] = useState(preset.bay ?? sheet.bays[0]?.name ?? '');
  const [startTime, setStartTime] = useState(preset.startTime && times.includes(preset.startTime) ? preset.startTime : (times[0] ?? ''));
  const [duration, setDuration] = useState(DURATIONS[0]!);
  const [people, setPeople] = useState(1);
  const [packageId, setPackageId] = useState('');
  const [notes, setNotes] = useState('');
  const [customerLocale, setCustomerLocale] = useState<Locale>(locale);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per booking attempt: a network retry replays it, a changed request gets a new one.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const availability = useAvailability(sheet.date);
  const slots = !availability.pending && availability.value.ok ? availability.value.data.availableSlots : [];
  const capacity = sheet.bays.find((b) => b.name === bay)?.capacity ?? 1;
  const chosenPackage = customer.packages.find((p) => p.id === packageId);
  const price = estimatePrice(slots, startTime, bay, duration);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const result = await callApi<{ booking: DaySheetBooking }>('/api/staff/bookings', {
      method: 'POST',
      headers: { 'Idempotency-Key': key },
      body: {
        customerId: customer.id,
        source,
        bay,
        date: sheet.date,
        startTime,
        duration,
        numberOfPeople: Math.min(people, capacity),
        ...(packageId ? { packageId } : {}),
        ...(notes.trim() ? { specialRequests: notes } : {}),
        locale: customerLocale,
      },
    });
    setSaving(false);
    if (result.ok) return onBooked(result.data.booking);
    if (result.status !== 0) setKey(crypto.randomUUID());
    setError(t(bookingError[result.code ?? ''] ?? 'nbErrFailed'));
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="grid gap-3 sm:grid-cols-2" aria-describedby={error ? `${id}-error` : undefined}>
      <fieldset className="sm:col-span-2">
        <legend className={labelClass}>{t('nbSource')}</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {(['walk_in', 'phone'] as const).map((value) => (
            <label key={value} className={choiceCard}>
              <input type="radio" name={`${id}-source`} value={value} checked={source === value} onChange={() => setSource(value)} className={radioClass} />
              {t(value === 'walk_in' ? 'dsSourceWalkIn' : 'dsSourcePhone')}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-bay`} className={labelClass}>
          {t('nbBay')}
        </label>
        <select id={`${id}-bay`} value={bay} onChange={(e) => setBay(e.target.value)} className={inputClass}>
          {sheet.bays.map((b) => (
            <option key={b.name} value={b.name}>
              {localizedName(locale, b.name, b.nameTh)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-start`} className={labelClass}>
          {t('dsStartTime')}
        </label>
        <select id={`${id}-start`} value={startTime} onChange={(e) => setStartTime(e.target.value)} className={inputClass}>
          {times.map((time) => (
            <option key={time} value={time}>
              {time}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-hours`} className={labelClass}>
          {t('dsDuration')}
        </label>
        <select id={`${id}-hours`} value={duration} onChange={(e) => setDuration(Number(e.target.value))} className={inputClass}>
          {DURATIONS.map((hours) => (
            <option key={hours} value={hours}>
              {hours} ({startTime}–{endTime(startTime, hours)})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-people`} className={labelClass}>
          {t('nbPeople')}
        </label>
        <select id={`${id}-people`} value={Math.min(people, capacity)} onChange={(e) => setPeople(Number(e.target.value))} className={inputClass}>
          {Array.from({ length: capacity }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      {customer.packages.length > 0 && (
        <div className="sm:col-span-2">
          <label htmlFor={`${id}-payment`} className={labelClass}>
            {t('nbPayment')}
          </label>
          <select id={`${id}-payment`} value={packageId} onChange={(e) => setPackageId(e.target.value)} className={inputClass}>
            <option value="">{t('nbPayAtDesk')}</option>
            {customer.packages.map((p) => (
              <option key={p.id} value={p.id}>
                {t('nbPackageOption', { name: p.name, hours: p.remainingHours })}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="sm:col-span-2">
        <label htmlFor={`${id}-language`} className={labelClass}>
          {t('nbLanguage')}
        </label>
        <select id={`${id}-language`} value={customerLocale} onChange={(e) => setCustomerLocale(e.target.value === 'th' ? 'th' : 'en')} className={inputClass}>
          <option value="en" lang="en">
            English
          </option>
          <option value="th" lang="th">
            ภาษาไทย
          </option>
        </select>
      </div>
      <div className="sm:col-span-2">
        <label htmlFor={`${id}-notes`} className={labelClass}>
          {t('nbNotes')}
        </label>
        <textarea id={`${id}-notes`} value={notes} maxLength={MAX_SPECIAL_REQUESTS} rows={2} onChange={(e) => setNotes(e.target.value)} className={inputClass} />
      </div>
      <p className="font-semibold text-turf-900 sm:col-span-2" data-testid="new-booking-price" aria-live="polite">
        {chosenPackage ? t('nbPricePackage', { hours: duration }) : price !== null ? t('nbPrice', { price: price.toLocaleString('en-US') }) : availability.pending ? '…' : t('nbPriceUnknown')}
      </p>
      <div className="sm:col-span-2">
        <button type="submit" disabled={saving || !bay || !startTime} className={primaryButton}>
          {saving ? t('nbBooking') : t('nbSubmit')}
        </button>
        {error && (
          <p id={`${id}-error`} role="alert" className="mt-1 text-red-700">
            {error}
          </p>
        )}
      </div>
    </form>
  );
}
