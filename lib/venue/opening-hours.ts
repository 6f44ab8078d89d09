import { anonCaller, rpc } from '../db';
import type { Locale } from '../i18n/messages';

export type OpeningHours = Array<{ weekday: number; opens: string; closes: string }>;

/** The venue's opening hours per ISO weekday (1 = Monday), from the database (seed.sql seeds them). */
export function getOpeningHours(): Promise<OpeningHours> {
  return rpc('get_opening_hours', {}, anonCaller);
}

// 2024-01-01 was a Monday: ISO weekday n is that date plus n - 1 days.
const weekdayName = (weekday: number, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, weekday));

/**
 * The hours as customers read them: "10:00–23:00" when every day is the same, else runs of
 * days with the same hours ("Mon–Fri 10:00–22:00, Sat–Sun 09:00–23:00"); days the venue is
 * closed are left out.
 */
export function openingHoursText(hours: OpeningHours, locale: Locale): string {
  const sorted = [...hours].sort((a, b) => a.weekday - b.weekday);
  const runs: Array<{ from: number; to: number; time: string }> = [];
  for (const day of sorted) {
    const time = `${day.opens}–${day.closes}`;
    const last = runs.at(-1);
    if (last && last.time === time && last.to === day.weekday - 1) last.to = day.weekday;
    else runs.push({ from: day.weekday, to: day.weekday, time });
  }
  if (runs.length === 1 && runs[0]!.from === 1 && runs[0]!.to === 7) return runs[0]!.time;
  return runs
    .map(({ from, to, time }) => `${weekdayName(from, locale)}${to > from ? `–${weekdayName(to, locale)}` : ''} ${time}`)
    .join(', ');
}
