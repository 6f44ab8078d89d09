'use client';

import { TimeChoices } from './time-choices';
import { dayRuleNotice, fieldId, formatBaht, freeBaysAt, freeStartTimes, type Availability, type Slot, type Translate } from './booking-rules';
import { secondaryButton } from '@/components/ui/styles';
import { choiceCard, radioClass } from '@/components/ui/form-styles';

/**
 * Step 2: the start times that have a free bay, then the free bays at the chosen time
 * with their hourly price and capacity. Both are radio groups (arrow keys move within).
 */
export function SlotPicker({
  day,
  slots,
  isPast,
  time,
  bay,
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
  return (
    <div className="space-y-4">
      <fieldset id={fieldId('slot')} tabIndex={-1} aria-describedby={error ? errorId : undefined} className="focus:outline-none">
        <legend className="text-sm font-medium text-slate-700">{t('startTimeLegend')}</legend>
        <TimeChoices times={times} chosen={time} onChoose={onTime} gridClassName="mt-2 grid grid-cols-4 gap-2 sm:grid-cols-7" />
      </fieldset>

      {time ? (
        <fieldset aria-describedby={error ? errorId : undefined}>
          <legend className="text-sm font-medium text-slate-700">{t('bayLegend', { time })}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {bays.map((slot) => (
              <label key={slot.bay} className={choiceCard}>
                <input
                  type="radio"
                  name="bay"
                  value={slot.bay}
                  checked={bay === slot.bay}
                  onChange={() => onBay(slot.bay)}
                  className={radioClass}
                />
                <span className="flex flex-1 flex-wrap items-baseline justify-between gap-x-3">
                  <span className="font-medium">{slot.bay}</span>
                  <span className="text-sm text-slate-600">
                    {slot.price !== null && <span className="text-turf-700">{t('pricePerHour', { price: formatBaht(slot.price) })}</span>}
                    {' · '}
                    {t('people', { n: slot.capacity })}
                  </span>
                </span>
              </label>
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
