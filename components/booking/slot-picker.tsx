'use client';

import { TimeChoices } from './time-choices';
import { dayRuleNotice, fieldId, formatBaht, freeBaysAt, freeStartTimes, startTimePrice, type Availability, type Slot, type Translate } from './booking-rules';
import { secondaryButton } from '@/components/ui/styles';
import { chipButton } from '@/components/ui/form-styles';
import { LocalizedName } from '@/components/i18n/localized-name';

/**
 * Step 2: the start times that have a free bay, each with its price for the chosen duration,
 * then the free bays at the chosen time with their hourly price and capacity. Both are toggle
 * buttons, one Tab stop each (no arrow keys needed).
 */
export function SlotPicker({
  day,
  slots,
  isPast,
  time,
  bay,
  duration,
  formatHours,
  error,
  onTime,
  onBay,
  onNextDay,
  t,
}: {
  /** The day's answer, for why nothing can be booked (the rules); `slots` are its slots for this visitor. */
  day: Availability;
  slots: Slot[];
  isPast: boolean;
  time: string | null;
  bay: string | null;
  /** The duration the visitor asked for: what the start times are priced for. */
  duration: number;
  formatHours: (hours: number) => string;
  error: string | null;
  onTime: (time: string) => void;
  onBay: (bay: string) => void;
  onNextDay: () => void;
  t: Translate;
}) {
  const times = freeStartTimes(slots);
  const errorId = `${fieldId('slot')}-error`;

  if (slots.length === 0 || times.length === 0) {
    const text = slots.length === 0 ? t('closed') : isPast ? t('pastDate') : (dayRuleNotice({ ...day, availableSlots: slots }, t) ?? t('noFreeTimes'));
    return (
      <div id={fieldId('slot')} tabIndex={-1} className="rounded-md bg-amber-50 p-4 text-amber-900 focus:outline-none" data-testid="no-free-times">
        <p>{text}</p>
        <button type="button" onClick={onNextDay} className={`${secondaryButton} mt-2`}>
          {t('tryNextDay')}
        </button>
        {error && (
          <p id={errorId} className="mt-2 text-sm font-medium text-red-700">
            {error}
          </p>
        )}
      </div>
    );
  }

  const bays = time ? freeBaysAt(slots, time) : [];
  const priceLine = (start: string) => {
    const quote = startTimePrice(slots, start, bay, duration);
    if (!quote) return null;
    const price = formatBaht(quote.price);
    const amount = quote.from ? t('chipPriceFrom', { price }) : t('priceBaht', { price });
    return quote.hours < duration ? `${amount} · ${t('hoursShort', { n: quote.hours })}` : amount;
  };
  return (
    <div className="space-y-3">
      <fieldset id={fieldId('slot')} tabIndex={-1} aria-describedby={error ? errorId : undefined} className="focus:outline-none" data-testid="start-times">
        <legend className="text-sm font-medium text-slate-700">
          {t('startTimeLegend')} <span className="text-xs font-normal text-slate-600">· {t('startTimePriceHint', { hours: formatHours(duration) })}</span>
        </legend>
        <TimeChoices times={times} chosen={time} onChoose={onTime} detail={priceLine} gridClassName="mt-2 grid grid-cols-4 gap-2 sm:grid-cols-7" />
      </fieldset>

      {time ? (
        <fieldset aria-describedby={error ? errorId : undefined} data-testid="bays">
          <legend className="text-sm font-medium text-slate-700">{t('bayLegend', { time })}</legend>
          <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
            {bays.map((slot) => (
              <button key={slot.bay} type="button" aria-pressed={bay === slot.bay} data-bay={slot.bay} onClick={() => onBay(slot.bay)} className={chipButton}>
                <span><LocalizedName name={slot.bay} nameTh={slot.bayTh} /></span>
                <span className="text-xs font-normal text-slate-600">
                  <span className="sr-only">, </span>
                  {slot.price !== null && <span className="text-turf-800">{t('pricePerHour', { price: formatBaht(slot.price) })}</span>}
                  {' · '}
                  {t('people', { n: slot.capacity })}
                </span>
              </button>
            ))}
          </div>
        </fieldset>
      ) : (
        <p className="text-sm text-slate-600">{t('chooseTimeFirst')}</p>
      )}

      {error && (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
