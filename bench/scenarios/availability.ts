import { addDays, venueToday } from '../../lib/venue/venue-clock';
import { clientAddress, loadHttp } from '../lib/http-load';
import type { BenchContext, ScenarioResult } from '../lib/scenario';
import { unexpectedStatuses } from '../lib/scenario';
import { settings } from '../lib/settings';
import { anon, callFunction, measureSql, type SqlWork } from '../lib/sql';

/** The day measured: tomorrow, which holds the seed's demo bookings at every data-set size. */
export const availabilityDate = () => addDays(venueToday(), 1);

/** SQL alone: get_availability of the measured day, as the app calls it for anyone. */
export const availabilitySql = (): SqlWork => {
  const date = availabilityDate();
  return (client) => callFunction(client, anon, 'get_availability', { p_date: date });
};

/**
 * GET /api/availability for one day, each request from another client address (so the
 * per-client limit never rejects the load, while every request still pays its rate-limit
 * hit). `revalidate` sends the ETag of the current answer: the app still computes the day
 * (to know whether it changed) and answers 304 without a body.
 */
export async function availability(context: BenchContext, revalidate: boolean): Promise<ScenarioResult> {
  const date = availabilityDate();
  const url = `${context.baseUrl}/api/availability?date=${date}`;
  const etag = revalidate ? (await fetch(url, { headers: { 'x-forwarded-for': '192.0.2.1' } })).headers.get('etag') : null;
  if (revalidate && !etag) throw new Error('GET /api/availability sent no ETag');
  let n = 0;
  const request = () => ({ headers: { 'x-forwarded-for': clientAddress(n++), ...(etag ? { 'if-none-match': etag } : {}) } });
  await context.resetRateLimits();
  await loadHttp({ url, connections: settings.connections, durationSeconds: settings.warmupSeconds, request });
  await context.resetRateLimits();
  const http = await loadHttp({ url, connections: settings.connections, durationSeconds: settings.durationSeconds, request });

  const sql = await measureSql(context.dataset.connectionString, { clients: settings.sqlClients, durationSeconds: settings.sqlDurationSeconds }, availabilitySql());
  const expected = revalidate ? 304 : 200;
  const wrong = unexpectedStatuses(http, [expected]);
  return {
    id: revalidate ? 'availability-etag' : 'availability',
    title: revalidate ? `Availability of a day, ETag revalidation (${expected})` : 'Availability of a day',
    dataset: context.dataset.name,
    bookingsInTable: context.dataset.bookings,
    http,
    sql,
    invariant: { label: `responses other than ${expected}`, value: wrong, ok: wrong === 0, fatal: false },
  };
}
