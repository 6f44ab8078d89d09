'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { callApi, type ApiResult } from '@/components/api/client-fetch';
import { useLoad } from '@/components/api/use-load';
import { ChangeBookingForm } from '@/components/staff/change-booking-form';
import { NewBookingForm, type BookingPreset } from '@/components/staff/new-booking-form';
import { DateStepper } from '@/components/ui/date-stepper';
import { LoadError } from '@/components/ui/load-error';
import { secondaryButton } from '@/components/ui/styles';
import type { DaySheet, DaySheetBooking } from '@/lib/db/functions';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { addDays } from '@/lib/venue/venue-clock';
import { RetryDeliveries } from './retry-deliveries';
import { localizedName } from '@/lib/i18n/localized-name';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * How often the sheet asks again. Each poll revalidates with the ETag the browser kept
 * (callApi's `no-cache`), so an unchanged day is a 304 that SQL answers without building it;
 * 2.5 s keeps a change made anywhere on screen within the 5 s the desk was promised.
 */
const POLL_MS = 2500;
/** The sheet looks back this many days (no-shows, yesterday's questions); forward without limit. */
const LOOK_BACK_DAYS = 30;

const deliveryLabel: Record<DaySheetBooking['delivery']['email'], MessageKey> = {
  sent: 'dsDeliverySent',
  pending: 'dsDeliveryPending',
  failing: 'dsDeliveryFailing',
  none: 'dsDeliveryNone',
};

/** The front desk's day: a date picker and the day's bookings by bay and hour, kept live by polling. */
export function DaySheetView({ locale, today, isAdmin }: { locale: Locale; today: string; isAdmin: boolean }) {
  const t = useCallback<T>((key, values) => translate(locale, key, values), [locale]);
  const [date, setDate] = useState(today);
  const [tick, setTick] = useState(0);
  const [lastGood, setLastGood] = useState<{ date: string; sheet: DaySheet; at: Date } | null>(null);
  // The desk's new booking: where it was asked for (a free cell, or the button), and what it made.
  const [preset, setPreset] = useState<BookingPreset | null>(null);
  const [booked, setBooked] = useState<string | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const closeNew = () => {
    setPreset(null);
    newButton.current?.focus();
  };
  const openNew = (at: BookingPreset) => {
    setBooked(null);
    setPreset(at);
  };

  const load = useLoad(
    `day-sheet:${date}:${tick}`,
    (signal) => callApi<DaySheet>(`/api/staff/day-sheet?date=${encodeURIComponent(date)}`, { signal }),
    {
      keepWithin: date,
      onLoaded: (result: ApiResult<DaySheet>) => {
        if (result.ok) setLastGood({ date, sheet: result.data, at: new Date() });
      },
    },
  );

  // Poll while the tab is visible; coming back to it asks at once.
  useEffect(() => {
    const ask = () => document.visibilityState === 'visible' && setTick((n) => n + 1);
    const timer = window.setInterval(ask, POLL_MS);
    document.addEventListener('visibilitychange', ask);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', ask);
    };
  }, []);

  const shown = lastGood?.date === date ? lastGood : null;
  const failed = !load.pending && !load.value.ok ? load.value : null;
  const time = new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { timeStyle: 'medium', timeZone: 'Asia/Bangkok' });

  return (
    <section aria-labelledby="day-sheet-date" className="mt-4">
      <div className="mb-4 flex flex-wrap items-end gap-2">
        <DateStepper
          date={date}
          today={addDays(today, -LOOK_BACK_DAYS)}
          onChange={(next) => {
            setDate(next);
            setPreset(null);
          }}
          labels={{ previous: t('previousDay'), next: t('nextDay'), date: t('dateLabel') }}
          backToToday={{ date: today, label: t('today') }}
          locale={locale}
        />
        <button ref={newButton} type="button" onClick={() => openNew({})} aria-expanded={preset !== null} className={secondaryButton}>
          {t('nbNew')}
        </button>
        <p id="day-sheet-date" className="ml-auto text-sm text-slate-600">
          <span aria-hidden="true" className="mr-1 inline-block h-2 w-2 rounded-full bg-turf-500" />
          {t('dsLive')}
        </p>
      </div>
      <div aria-busy={!shown && load.pending}>
        {failed?.status === 401 ? (
          <div role="alert" className="rounded-md bg-amber-50 p-4 text-amber-900">
            <p>{t('dsSignedOut')}</p>
            <Link href={`/login?callbackUrl=${encodeURIComponent('/staff')}`} className={`${secondaryButton} mt-2`}>
              {t('dsSignIn')}
            </Link>
          </div>
        ) : (
          <>
            {failed && shown && (
              <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
                {t('dsStale', { time: time.format(shown.at) })}
              </p>
            )}
            {failed && !shown && <LoadError message={t('dsLoadFailed')} retryLabel={t('retry')} onRetry={load.retry} />}
            {!failed && !shown && (
              <p role="status" className="animate-pulse rounded-md bg-slate-100 p-6 text-slate-500">
                {t('dsLoading')}
              </p>
            )}
            {booked && (
              <p role="status" className="mb-3 rounded-md bg-turf-50 px-3 py-2 font-medium text-turf-900" data-testid="new-booking-done">
                {booked}
              </p>
            )}
            {shown && preset && (
              <NewBookingForm
                key={`${shown.date}:${preset.bay}:${preset.startTime}`}
                sheet={shown.sheet}
                preset={preset}
                locale={locale}
                t={t}
                onClose={closeNew}
                onBooked={(booking) => {
                  setBooked(t('nbBooked', { reference: booking.reference, name: booking.customerName, bay: booking.bay, start: booking.startTime, end: booking.endTime }));
                  closeNew();
                  setTick((n) => n + 1);
                }}
              />
            )}
            {shown && <SheetGrid sheet={shown.sheet} t={t} isAdmin={isAdmin} today={today} onChanged={() => setTick((n) => n + 1)} onBookFree={openNew} locale={locale} />}
          </>
        )}
      </div>
    </section>
  );
}

/** Whole hours [opens, closes) of the day, plus any hour a booking starts in outside them. */
function hoursOf(sheet: DaySheet): string[] {
  const hours = new Set<string>();
  if (sheet.opens && sheet.closes) {
    for (let h = Number(sheet.opens.slice(0, 2)); h < Number(sheet.closes.slice(0, 2)); h++) hours.add(`${String(h).padStart(2, '0')}:00`);
  }
  for (const booking of sheet.bookings) if (booking.date === sheet.date) hours.add(`${booking.startTime.slice(0, 2)}:00`);
  return [...hours].sort();
}

function SheetGrid({ sheet, t, isAdmin, onBookFree, ...card }: { sheet: DaySheet; t: T; isAdmin: boolean; onBookFree: (at: BookingPreset) => void } & Omit<CardProps, 'booking' | 't'>) {
  const hours = useMemo(() => hoursOf(sheet), [sheet]);
  const live = sheet.bookings.filter((b) => b.status !== 'cancelled');
  const failing = sheet.bookings.some((b) => Object.values(b.delivery).includes('failing'));
  if (!sheet.opens && sheet.bookings.length === 0) return <p className="rounded-md bg-slate-50 p-4 text-slate-700">{t('dsClosed')}</p>;
  return (
    <>
      <p className="mb-3 text-sm text-slate-700" data-testid="day-sheet-summary">
        {t('dsSummary', { count: live.length, people: live.reduce((sum, b) => sum + b.numberOfPeople, 0) })}
        {failing && isAdmin && (
          <Link href="/admin/outbox" className="ml-3 font-medium text-red-700 underline">
            {t('dsFailingLink')}
          </Link>
        )}
      </p>
      {sheet.bookings.length === 0 && <p className="mb-3 rounded-md bg-slate-50 p-4 text-slate-700">{t('dsEmpty')}</p>}
      <div className="grid gap-4 md:grid-flow-col md:auto-cols-fr" data-testid="day-sheet">
        {sheet.bays.map((bay) => {
          const ofBay = sheet.bookings.filter((b) => b.bay === bay.name);
          return (
            <section key={bay.name} aria-labelledby={`bay-${bay.name}`} className="rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200">
              <h2 id={`bay-${bay.name}`} className="mb-2 font-semibold text-turf-900">
                {localizedName(card.locale, bay.name, bay.nameTh)}
              </h2>
              <ol className="space-y-1">
                {hours.map((hour) => {
                  const starting = ofBay.filter((b) => b.date === sheet.date && b.startTime.slice(0, 2) === hour.slice(0, 2));
                  const covered = ofBay.some((b) => b.status !== 'cancelled' && covers(b, sheet.date, hour));
                  if (!starting.length && covered) return null;
                  return (
                    <li key={hour} className="flex gap-2">
                      <span className="w-12 shrink-0 pt-1 font-mono text-sm text-slate-500">{hour}</span>
                      <div className="min-w-0 flex-1 space-y-1">
                        {starting.map((booking) => (
                          <BookingCard key={booking.id} booking={booking} t={t} isAdmin={isAdmin} {...card} />
                        ))}
                        {!starting.length && (
                          <button
                            type="button"
                            onClick={() => onBookFree({ bay: bay.name, startTime: hour })}
                            className="block w-full rounded-md bg-turf-50 px-2 py-1 text-left text-sm text-turf-800 hover:bg-turf-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500"
                          >
                            {/* The visible word stays in the name (WCAG 2.5.3); the rest says what the button does. */}
                            {t('dsFree')} <span aria-hidden="true">+</span>
                            <span className="sr-only"> {t('nbBookFree', { bay: bay.name, time: hour })}</span>
                          </button>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ol>
            </section>
          );
        })}
      </div>
    </>
  );
}

/** Whether a booking takes the bay during the hour starting at `hour` on `date`. */
function covers(booking: DaySheetBooking, date: string, hour: string): boolean {
  const start = booking.date < date ? '00:00' : booking.startTime;
  const end = booking.endTime <= start ? '24:00' : booking.endTime;
  return start < `${hour.slice(0, 2)}:59` && end > hour;
}

interface CardProps {
  booking: DaySheetBooking;
  t: T;
  today: string;
  locale: Locale;
  /** After an action: poll now rather than at the next tick. */
  onChanged: () => void;
  /** Admins also get the outbox link beside a failing delivery. */
  isAdmin?: boolean;
}

function BookingCard({ booking, t, today, locale, onChanged, isAdmin = false }: CardProps) {
  const cancelled = booking.status === 'cancelled';
  return (
    <article
      data-testid="day-sheet-booking"
      data-reference={booking.reference}
      data-status={booking.status}
      tabIndex={0}
      aria-label={`${booking.startTime}–${booking.endTime} ${booking.customerName}`}
      className={`rounded-md px-2 py-2 text-sm ring-1 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500 ${
        cancelled ? 'bg-slate-50 text-slate-500 ring-slate-200' : 'bg-turf-100 text-turf-950 ring-turf-200'
      }`}
    >
      <p className="font-semibold">
        <span className="font-mono">
          {booking.startTime}–{booking.endTime}
        </span>{' '}
        <span className={cancelled ? 'line-through' : ''}>{booking.customerName}</span>
      </p>
      <p>
        <a href={`tel:${booking.customerPhone}`} className="underline underline-offset-2">
          {booking.customerPhone}
        </a>{' '}
        · {t('dsPeople', { count: booking.numberOfPeople })} · {t(booking.member ? 'dsMember' : 'dsGuest')}
        {booking.source !== 'online' && <> · {t(booking.source === 'walk_in' ? 'dsSourceWalkIn' : 'dsSourcePhone')}</>}
      </p>
      <p className="font-mono text-xs text-slate-600">{booking.reference}</p>
      {booking.package && <p>{t('dsPackage', { name: localizedName(locale, booking.package, booking.packageTh) })}</p>}
      {booking.vipCode && <p>{t('dsVip', { code: booking.vipCode.code, concierge: booking.vipCode.concierge, hotel: booking.vipCode.hotel })}</p>}
      {booking.notes && <p className="whitespace-pre-line">{t('dsNotes', { notes: booking.notes })}</p>}
      {cancelled && <p className="font-medium">{booking.cancellationReason ? t('dsCancelledReason', { reason: booking.cancellationReason }) : t('dsCancelled')}</p>}
      {booking.status === 'completed' && <p className="text-xs">{t('dsCompleted')}</p>}
      {booking.noShowCount > 0 && <p className="font-medium text-amber-800">{t('dsNoShows', { count: booking.noShowCount })}</p>}
      <p className="mt-1 flex flex-wrap gap-x-2 text-xs" aria-label={t('dsDelivery')}>
        {(['email', 'line', 'calendar'] as const).map((channel) => (
          <span key={channel} data-delivery={channel} data-state={booking.delivery[channel]} className={booking.delivery[channel] === 'failing' ? 'font-semibold text-red-700' : ''}>
            {t(channel === 'email' ? 'dsEmail' : channel === 'line' ? 'dsLine' : 'dsCalendar')}: {t(deliveryLabel[booking.delivery[channel]])}
          </span>
        ))}
      </p>
      <RetryDeliveries booking={booking} t={t} isAdmin={isAdmin} onChanged={onChanged} />
      {booking.staffChanges.length > 0 && (
        <ul className="mt-1 text-xs text-slate-600" data-testid="staff-changes">
          {booking.staffChanges.map((change) => (
            <li key={change.at + change.action}>
              {t(change.action === 'booked' ? 'dsStaffBooked' : change.action === 'moved' ? 'dsStaffMoved' : 'dsStaffCancelled', {
                time: new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Bangkok' }).format(new Date(change.at)),
                staff: change.by,
                reason: change.reason ?? '',
                source: t(booking.source === 'phone' ? 'dsSourcePhone' : 'dsSourceWalkIn'),
              })}
            </li>
          ))}
        </ul>
      )}
      {!cancelled && <Attendance booking={booking} t={t} today={today} locale={locale} onChanged={onChanged} />}
      {!cancelled && booking.status !== 'completed' && <ChangeBookingForm booking={booking} t={t} onChanged={onChanged} />}
    </article>
  );
}

const attendanceError: Record<string, MessageKey> = { ATTENDANCE_NOT_OPEN: 'dsAttendanceNotOpen', BOOKING_NOT_FOUND: 'dsBookingGone' };

/**
 * The booking's check-in or no-show and the buttons that record it (the server decides what is
 * allowed: check-in on the booking's day, no-show once it started; the buttons only offer those days).
 */
function Attendance({ booking, t, today, locale, onChanged }: CardProps) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const when = new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { timeStyle: 'short', timeZone: 'Asia/Bangkok' });
  const state = booking.attendance;
  const record = async (outcome: 'checked_in' | 'no_show') => {
    setSaving(true);
    setError(null);
    const result = await callApi(`/api/staff/bookings/${booking.id}/attendance`, { method: 'POST', body: { outcome } });
    setSaving(false);
    if (!result.ok) setError(t('dsActionFailed', { reason: t(attendanceError[result.code ?? ''] ?? 'stErrFailed') }));
    onChanged();
  };
  const offers = [
    ...(booking.date === today && state?.outcome !== 'checked_in' ? [{ outcome: 'checked_in' as const, label: t('dsCheckIn') }] : []),
    ...(booking.date <= today && !state ? [{ outcome: 'no_show' as const, label: t('dsMarkNoShow') }] : []),
  ];
  return (
    <div className="mt-2 space-y-1" data-testid="attendance">
      {state && (
        <p data-outcome={state.outcome} className={state.outcome === 'no_show' ? 'font-medium text-amber-800' : 'font-medium text-turf-800'}>
          {t(state.outcome === 'checked_in' ? 'dsCheckedIn' : 'dsNoShow', { time: when.format(new Date(state.recordedAt)), staff: state.recordedBy })}
        </p>
      )}
      {offers.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {offers.map((offer) => (
            <button key={offer.outcome} type="button" disabled={saving} onClick={() => void record(offer.outcome)} className={secondaryButton}>
              {saving ? t('dsSaving') : offer.label}
            </button>
          ))}
        </div>
      )}
      {error && (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
