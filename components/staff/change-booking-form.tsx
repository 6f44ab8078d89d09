'use client';

import { useId, useState } from 'react';
import { callApi } from '@/components/api/client-fetch';
import { inputClass, labelClass } from '@/components/ui/form-styles';
import { secondaryButton } from '@/components/ui/styles';
import type { DaySheetBooking } from '@/lib/db/functions';
import type { MessageKey } from '@/lib/i18n/messages';
import { DURATION_STEP_HOURS, MAX_DURATION_HOURS, MIN_DURATION_HOURS } from '@/lib/venue/booking-rules';

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

const changeError: Record<string, MessageKey> = {
  SLOT_UNAVAILABLE: 'dsErrTaken',
  BOOKING_NOT_MODIFIABLE: 'dsErrNotModifiable',
  VALIDATION_ERROR: 'dsErrReason',
  PACKAGE_HOURS_INSUFFICIENT: 'dsErrPackage',
  PACKAGE_EXPIRED: 'dsErrPackage',
};

const durations = Array.from({ length: Math.round((MAX_DURATION_HOURS - MIN_DURATION_HOURS) / DURATION_STEP_HOURS) + 1 }, (_, i) => MIN_DURATION_HOURS + i * DURATION_STEP_HOURS);

/**
 * The desk moves (same bay) or cancels a booking, always with a reason (kept in the audit; the
 * customer is told as usual). Folded away until asked for, so the sheet stays readable.
 */
export function ChangeBookingForm({ booking, t, onChanged }: { booking: DaySheetBooking; t: T; onChanged: () => void }) {
  const id = useId();
  const [date, setDate] = useState(booking.date);
  const [startTime, setStartTime] = useState(booking.startTime);
  const [duration, setDuration] = useState(booking.duration);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (action: 'move' | 'cancel') => {
    setSaving(true);
    setError(null);
    const body = action === 'move' ? { date, startTime, duration, reason } : { reason };
    const result = await callApi(`/api/staff/bookings/${booking.id}/${action}`, { method: 'POST', body });
    setSaving(false);
    if (!result.ok) setError(t('dsActionFailed', { reason: t(changeError[result.code ?? ''] ?? 'stErrFailed') }));
    else setReason('');
    onChanged();
  };

  return (
    <details className="mt-2" data-testid="change-booking">
      <summary className="cursor-pointer text-sm font-medium text-turf-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500">{t('dsChange')}</summary>
      <div className="mt-2 grid grid-cols-2 gap-2">
        <label className={labelClass}>
          {t('dateLabel')}
          <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} className={inputClass} />
        </label>
        <label className={labelClass}>
          {t('dsStartTime')}
          <input type="time" step={1800} value={startTime} onChange={(e) => setStartTime(e.target.value)} className={inputClass} />
        </label>
        <label className={labelClass}>
          {t('dsDuration')}
          <select value={duration} onChange={(e) => setDuration(Number(e.target.value))} className={inputClass}>
            {durations.map((hours) => (
              <option key={hours} value={hours}>
                {hours}
              </option>
            ))}
          </select>
        </label>
        <label className={`${labelClass} col-span-2`} htmlFor={`${id}-reason`}>
          {t('dsReason')}
        </label>
        <input id={`${id}-reason`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} className={`${inputClass} col-span-2 !mt-0`} />
      </div>
      <div className="mt-2 flex flex-wrap gap-2">
        <button type="button" disabled={saving || !reason.trim()} onClick={() => void send('move')} className={secondaryButton}>
          {saving ? t('dsSaving') : t('dsMove')}
        </button>
        <button type="button" disabled={saving || !reason.trim()} onClick={() => void send('cancel')} className={`${secondaryButton} text-red-700`}>
          {saving ? t('dsSaving') : t('dsCancelBooking')}
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-1 text-red-700">
          {error}
        </p>
      )}
    </details>
  );
}
