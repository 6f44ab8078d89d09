'use client';

import { useMemo, useState, type FormEvent } from 'react';
import { availabilityFailureKey, useAvailability } from '@/components/api/use-load';
import { durationChoices, endTime, formatBaht, formatDate, startTimePrice, toMinutes, type Translate } from '@/components/booking/booking-rules';
import { DateStepper } from '@/components/ui/date-stepper';
import { localizedName } from '@/lib/i18n/localized-name';
import { LoadError } from '@/components/ui/load-error';
import { primaryButton, secondaryButton } from '@/components/ui/styles';
import { inputClass, labelClass } from '@/components/ui/form-styles';
import type { Locale, MessageKey } from '@/lib/i18n/messages';
import { callApi } from '@/components/api/client-fetch';
import type { VipBooking } from './vip-api';
import { TimeChoices } from '@/components/booking/time-choices';
import { BookingDialog } from './vip-common';
import { DialogActions } from './vip-dialog';

type Problem =
  | { kind: 'slotTaken'; startTime: string; alternativeTimes: string[] }
  | { kind: 'message'; message: MessageKey; values?: Record<string, string | number> };

/** A change's route and headers other than the member's VIP route (the manage link's). */
export interface ChangeEndpoint {
  path: string;
  headers: Record<string, string>;
}

/** What the modify dialog tells the list when it moved the booking. */
export interface Moved {
  date: string;
  startTime: string;
  duration: number;
}

/**
 * Move a booking: a date, then a start time that is free in the booking's bay (live
 * availability; the booking's own hours count as free), then a duration that fits. A slot
 * taken meanwhile (409) shows the server's alternatives in place.
 */
export function ModifyDialog({
  booking,
  today,
  locale,
  t,
  onClose,
  onMoved,
  endpoint,
}: {
  booking: VipBooking;
  today: string;
  locale: Locale;
  t: Translate;
  onClose: () => void;
  onMoved: (moved: Moved) => void;
  /** Where the move goes: the member's VIP route unless given (the manage page: its route and token header). */
  endpoint?: ChangeEndpoint;
}) {
  const [date, setDate] = useState(booking.date);
  const [time, setTime] = useState<string | null>(booking.startTime);
  const [duration, setDuration] = useState(booking.duration);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useAvailability(date);
  const loaded = !load.pending && load.value.ok ? load.value.data : null;

  // The booking's bay on the chosen date; the hours it holds now are free for itself.
  const baySlots = useMemo(() => {
    if (!loaded || loaded.date !== date) return null;
    const ownStart = toMinutes(booking.startTime);
    const ownEnd = ownStart + booking.duration * 60;
    return loaded.availableSlots
      .filter((slot) => slot.bay === booking.bay)
      .map((slot) => {
        const start = toMinutes(slot.startTime);
        const own = date === booking.date && start >= ownStart && start < ownEnd;
        return own ? { ...slot, available: true } : slot;
      });
  }, [loaded, date, booking]);

  const times = baySlots ? baySlots.filter((slot) => slot.available).map((slot) => slot.startTime) : [];
  const validTime = time && times.includes(time) ? time : null;
  const choices = baySlots && validTime ? durationChoices(baySlots, validTime, booking.bay) : [];
  const effectiveDuration = choices.includes(duration) ? duration : (choices[choices.length - 1] ?? duration);
  const unchanged = date === booking.date && validTime === booking.startTime && effectiveDuration === booking.duration;
  const formatHours = (hours: number) => (hours === 1 ? t('hoursOne') : t('hoursMany', { n: hours }));
  const bay = localizedName(locale, booking.bay, booking.bayTh);
  // Package hours pay for a package booking's move; any other shows what each start time costs.
  const paidAtVenue = booking.bookingType !== 'Package';
  const priceLine = (start: string) => {
    const quote = baySlots && paidAtVenue ? startTimePrice(baySlots, start, booking.bay, effectiveDuration) : null;
    if (!quote) return null;
    const amount = t('priceBaht', { price: formatBaht(quote.price) });
    return quote.hours < effectiveDuration ? `${amount} · ${t('hoursShort', { n: quote.hours })}` : amount;
  };

  function changeDate(next: string) {
    if (!next || next === date) return;
    setDate(next);
    setTime(null);
    setProblem(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    if (!validTime) {
      setProblem({ kind: 'message', message: 'vipModifyChooseTime' });
      return;
    }
    setSaving(true);
    setProblem(null);
    const result = await callApi<{ booking: { date: string; startTime: string; duration: number } }>(
      endpoint?.path ?? `/api/vip/bookings/${encodeURIComponent(booking.id)}/modify`,
      { method: 'PUT', headers: endpoint?.headers, body: { date, startTime: validTime, duration: effectiveDuration } },
    );
    setSaving(false);
    if (result.ok) {
      onMoved({ date: result.data.booking.date, startTime: result.data.booking.startTime, duration: result.data.booking.duration });
      return;
    }
    switch (result.code) {
      case 'SLOT_UNAVAILABLE': {
        const alternatives = Array.isArray(result.details.alternativeTimes)
          ? result.details.alternativeTimes.filter((value): value is string => typeof value === 'string' && /^\d{2}:\d{2}$/.test(value))
          : [];
        setProblem({ kind: 'slotTaken', startTime: validTime, alternativeTimes: alternatives });
        load.retry();
        break;
      }
      case 'PACKAGE_HOURS_INSUFFICIENT':
        setProblem({ kind: 'message', message: 'vipModifyPackageHours' });
        break;
      case 'PACKAGE_EXPIRED':
        setProblem({ kind: 'message', message: 'vipModifyPackageExpired' });
        break;
      case 'BOOKING_NOT_MODIFIABLE':
      case 'BOOKING_NOT_FOUND':
      case 'FORBIDDEN':
      case 'MANAGE_LINK_INVALID':
      case 'MANAGE_LINK_EXPIRED':
        setProblem({ kind: 'message', message: 'vipNotChangeable' });
        break;
      case 'OUTSIDE_BOOKING_WINDOW':
        setProblem({ kind: 'message', message: 'manageOutsideWindow' });
        load.retry();
        break;
      case 'VALIDATION_ERROR':
        setProblem({ kind: 'message', message: 'vipModifyInvalid' });
        load.retry();
        break;
      case 'AUTH_REQUIRED':
        setProblem({ kind: 'message', message: 'vipSignedOut' });
        break;
      case 'RATE_LIMIT_EXCEEDED':
        setProblem({ kind: 'message', message: 'vipRateLimited' });
        break;
      default:
        setProblem({ kind: 'message', message: result.status === 0 ? 'vipNetworkError' : 'vipServiceError' });
    }
  }

  return (
    <BookingDialog kind="modify" booking={booking} locale={locale} t={t} onClose={onClose} onSubmit={submit}>

      <div className="flex flex-wrap items-end gap-2">
        <DateStepper
          date={date}
          today={today}
          last={loaded ? (endpoint ? loaded.bookableUntil : loaded.memberBookableUntil) : undefined}
          onChange={changeDate}
          labels={{ previous: t('previousDay'), next: t('nextDay'), date: t('dateLabel') }}
          labelClassName={labelClass}
          locale={locale}
        />
      </div>

      <div aria-live="polite" aria-busy={load.pending}>
        {load.pending && (
          <p role="status" className="text-slate-600">
            {t('loadingTimes')}
          </p>
        )}
        {!load.pending && !load.value.ok && <LoadError message={t(availabilityFailureKey(load.value))} retryLabel={t('retry')} onRetry={load.retry} />}
        {baySlots && times.length === 0 && <p className="rounded-md bg-amber-50 p-3 text-amber-900">{t('vipModifyNoTimes', { bay })}</p>}
        {baySlots && times.length > 0 && (
          <fieldset>
            <legend className={labelClass}>
              {t('vipModifyTimes', { bay })}
              {paidAtVenue && <span className="text-xs font-normal text-slate-600"> · {t('startTimePriceHint', { hours: formatHours(effectiveDuration) })}</span>}
            </legend>
            <TimeChoices
              times={times}
              chosen={validTime}
              onChoose={(start) => {
                setTime(start);
                setProblem(null);
              }}
              detail={priceLine}
              gridClassName="mt-2 grid grid-cols-3 gap-2 sm:grid-cols-4"
            />
          </fieldset>
        )}
      </div>

      {validTime && choices.length > 0 && (
        <label className={labelClass}>
          {t('durationLabel')}
          <select name="duration" value={effectiveDuration} onChange={(event) => setDuration(Number(event.target.value))} className={inputClass}>
            {choices.map((hours) => (
              <option key={hours} value={hours}>
                {formatHours(hours)}
              </option>
            ))}
          </select>
        </label>
      )}

      {validTime && (
        <p className="text-sm text-slate-700" data-testid="modify-summary">
          {t('vipModifyNew', { date: formatDate(date, locale), time: `${validTime}–${endTime(validTime, effectiveDuration)}`, bay })}
        </p>
      )}

      {problem && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
          {problem.kind === 'message' ? (
            <p>{t(problem.message, problem.values)}</p>
          ) : (
            <>
              <p>{t('vipModifyTaken', { time: problem.startTime, bay })}</p>
              {problem.alternativeTimes.length > 0 ? (
                <>
                  <p className="mt-2">{t('vipModifyAlternatives')}</p>
                  <ul className="mt-2 flex flex-wrap gap-2" aria-label={t('alternativeTimesLabel')}>
                    {problem.alternativeTimes.map((alternative) => (
                      <li key={alternative}>
                        <button
                          type="button"
                          onClick={() => {
                            setTime(alternative);
                            setProblem(null);
                          }}
                          className={`${secondaryButton} font-mono`}
                        >
                          {alternative}
                        </button>
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <p className="mt-2">{t('vipModifyNoAlternatives')}</p>
              )}
            </>
          )}
        </div>
      )}

      <DialogActions labels={{ close: t('vipClose'), submit: t('vipModifySubmit'), busy: t('vipSaving') }} onClose={onClose} busy={saving} disabled={!validTime || unchanged} submitClassName={primaryButton} />
    </BookingDialog>
  );
}
