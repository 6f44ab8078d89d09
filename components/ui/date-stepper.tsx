import type { ReactNode } from 'react';
import { addDays } from '@/lib/venue/venue-clock';
import { secondaryButton } from './styles';

const defaultLabelClass = 'flex flex-col text-sm font-medium text-slate-700';
const defaultInputClass =
  'mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-base focus:border-turf-500 focus:outline-none focus:ring-2 focus:ring-turf-500';

/**
 * A date input between "previous day" and "next day" buttons; never before `today`, nor after
 * `last` (the booking horizon) when given. `backToToday` adds a button to the given day whenever
 * another is shown; `children` follow the buttons.
 */
export function DateStepper({
  date,
  today,
  last,
  onChange,
  labels,
  labelClassName = defaultLabelClass,
  inputClassName = defaultInputClass,
  backToToday,
  children,
}: {
  date: string;
  today: string;
  last?: string;
  /** A new date (never empty). */
  onChange: (date: string) => void;
  labels: { previous: string; next: string; date: string };
  labelClassName?: string;
  inputClassName?: string;
  backToToday?: { date: string; label: string };
  children?: ReactNode;
}) {
  return (
    <>
      <button type="button" onClick={() => onChange(addDays(date, -1))} disabled={date <= today} className={secondaryButton} aria-label={labels.previous}>
        ‹
      </button>
      <label className={labelClassName}>
        {labels.date}
        <input type="date" name="date" value={date} min={today} max={last} onChange={(event) => event.target.value && onChange(event.target.value)} className={inputClassName} />
      </label>
      <button type="button" onClick={() => onChange(addDays(date, 1))} disabled={last !== undefined && date >= last} className={secondaryButton} aria-label={labels.next}>
        ›
      </button>
      {backToToday && date !== backToToday.date && (
        <button type="button" onClick={() => onChange(backToToday.date)} className={secondaryButton}>
          {backToToday.label}
        </button>
      )}
      {children}
    </>
  );
}
