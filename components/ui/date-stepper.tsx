'use client';

import { useEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { formatVenueDate } from '@/lib/i18n/format-venue-date';
import type { Locale } from '@/lib/i18n/messages';
import { addDays } from '@/lib/venue/venue-clock';
import { secondaryButton } from './styles';

const defaultLabelClass = 'flex flex-col text-sm font-medium text-slate-700';
const defaultInputClass =
  'mt-1 rounded-md border border-slate-300 px-2 py-1.5 text-base focus:border-turf-500 focus:outline-none focus:ring-2 focus:ring-turf-500';

/**
 * A date input between "previous day" and "next day" buttons; never before `today`, nor after
 * `last` (the booking horizon) when given. `backToToday` adds a button to the given day whenever
 * another is shown; `children` follow the buttons. The box shows the date as a reader of
 * `locale` says it (the browser's own date box follows the browser's language, "12/02/2026"
 * above a Thai page): the native input lies over it unseen, so a tap, a click, Enter or Space
 * opens the browser's calendar and typing or the arrow keys still change it.
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
  locale,
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
  /** The language the date is shown in. */
  locale: Locale;
  children?: ReactNode;
}) {
  const shown = formatVenueDate(date, locale);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // A date typed or picked while the page was still loading changed the box before React
    // listened to it: take it now rather than leave the box and the page on different days.
    const typed = input.current?.value;
    if (typed && typed !== date) onChange(typed);
    // Once, at hydration: later changes arrive through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const field = (
    <input
      ref={input}
      type="date"
      name="date"
      value={date}
      min={today}
      max={last}
      onChange={(event) => event.target.value && onChange(event.target.value)}
      className="absolute inset-0 h-full w-full cursor-pointer opacity-0"
      onClick={openPicker}
      onKeyDown={openPickerByKey}
    />
  );
  return (
    <>
      <button type="button" onClick={() => onChange(addDays(date, -1))} disabled={date <= today} className={secondaryButton} aria-label={labels.previous}>
        ‹
      </button>
      <label className={labelClassName}>
        {labels.date}
        <span className={`relative inline-flex items-center gap-2 whitespace-nowrap bg-white ${inputClassName} focus-within:border-turf-500 focus-within:ring-2 focus-within:ring-turf-500`}>
          {field}
          <span data-testid="date-shown">{shown}</span>
          <CalendarIcon />
        </span>
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

/** Opens the browser's calendar where it can (showPicker); elsewhere the input keeps its own behaviour. */
function showPicker(element: HTMLInputElement): boolean {
  try {
    element.showPicker();
    return true;
  } catch {
    // Not supported, or not allowed here (e.g. a cross-origin frame): the input still works by typing.
    return false;
  }
}

const openPicker = (event: MouseEvent<HTMLInputElement>) => {
  showPicker(event.currentTarget);
};

const openPickerByKey = (event: KeyboardEvent<HTMLInputElement>) => {
  // Enter would otherwise submit a surrounding form; Space does nothing on a date box.
  if ((event.key === 'Enter' || event.key === ' ') && showPicker(event.currentTarget)) event.preventDefault();
};

function CalendarIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0 text-slate-500" fill="currentColor">
      <path d="M6 2a1 1 0 0 1 1 1v1h6V3a1 1 0 1 1 2 0v1h1a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h1V3a1 1 0 0 1 1-1Zm10 7H4v7h12V9Z" />
    </svg>
  );
}
