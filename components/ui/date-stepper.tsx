import type { ReactNode } from 'react';
import { addDays } from '@/lib/venue/venue-clock';
import { secondaryButton } from './styles';

/**
 * A date input between "previous day" and "next day" buttons; never before `today`, nor after
 * `last` (the booking horizon) when given. `children` follow the buttons.
 */
export function DateStepper({
  date,
  today,
  last,
  onChange,
  labels,
  labelClassName,
  inputClassName,
  children,
}: {
  date: string;
  today: string;
  last?: string;
  /** A new date (never empty). */
  onChange: (date: string) => void;
  labels: { previous: string; next: string; date: string };
  labelClassName: string;
  inputClassName: string;
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
      {children}
    </>
  );
}
