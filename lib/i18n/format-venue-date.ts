import type { Locale } from './messages';

/**
 * A venue-local YYYY-MM-DD date as a reader says it, in English or Thai (Thai uses the
 * Buddhist year): `short` for screens ("Thu, 1 Jan 2026"), `long` for emails. Formatted
 * at UTC midnight in UTC, so neither the server's nor the browser's time zone shifts the day.
 */
export function formatVenueDate(date: string, locale: Locale, style: 'short' | 'long' = 'short'): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return formatterOf(locale, style).format(new Date(Date.UTC(year, month - 1, day)));
}

// Made once per language and style: making one costs far more than formatting (a booking's
// messages format several dates).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(locale: Locale, style: 'short' | 'long'): Intl.DateTimeFormat {
  const key = `${locale}:${style}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', { weekday: style, day: 'numeric', month: style, year: 'numeric', timeZone: 'UTC' });
    formatters.set(key, formatter);
  }
  return formatter;
}
