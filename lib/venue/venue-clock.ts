/**
 * The venue's time zone. The database has the same fact in app_private.venue_timezone();
 * this copy only picks the default date of pages, never what can be booked.
 */
export const VENUE_TIME_ZONE = 'Asia/Bangkok';

/** Today's date at the venue, YYYY-MM-DD, whatever the server's or browser's time zone. */
export function venueToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: VENUE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The date `days` after a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
