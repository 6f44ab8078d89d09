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
 * hit). `revalidate` sends the ETag of the current answer, as a browser does: the app answers
 * 304 without a body and without computing the day. A client that gets a 200 takes its new
 * ETag for the next request (the answer changed: a mark moved, a booking); only a 200 that
 * carries the very ETag the request sent is wrong.
 */
export async function availability(context: BenchContext, revalidate: boolean): Promise<ScenarioResult> {
  const date = availabilityDate();
  const url = `${context.baseUrl}/api/availability?date=${date}`;
  let etag = revalidate ? (await fetch(url, { headers: { 'x-forwarded-for': '192.0.2.1' } })).headers.get('etag') : null;
  if (revalidate && !etag) throw new Error('GET /api/availability sent no ETag');
  let n = 0;
  let changes = 0;
  let wrong200s = 0;
  const request = (_: number, connection: Record<string, unknown>) => {
    connection.sent = etag;
    return { headers: { 'x-forwarded-for': clientAddress(n++), ...(etag ? { 'if-none-match': etag } : {}) } };
  };
  const onResponse = (status: number, headers: Record<string, string>, connection: Record<string, unknown>) => {
    if (!revalidate || status !== 200) return;
    if (headers.etag === connection.sent) wrong200s++;
    else if (headers.etag && headers.etag !== etag) {
      etag = headers.etag;
      changes++;
    }
  };
  await context.resetRateLimits();
  await loadHttp({ url, connections: settings.connections, durationSeconds: settings.warmupSeconds, request, onResponse });
  await context.resetRateLimits();
  changes = 0;
  wrong200s = 0;
  const http = await loadHttp({ url, connections: settings.connections, durationSeconds: settings.durationSeconds, request, onResponse });

  const sql = await measureSql(context.dataset.connectionString, { clients: settings.sqlClients, durationSeconds: settings.sqlDurationSeconds }, availabilitySql());
  const expected = revalidate ? 304 : 200;
  // A 200 after the answer changed is the client's next read, not a failed revalidation.
  const wrong = revalidate ? unexpectedStatuses(http, [304, 200]) + wrong200s : unexpectedStatuses(http, [expected]);
  return {
    id: revalidate ? 'availability-etag' : 'availability',
    title: revalidate ? `Availability of a day, ETag revalidation (${expected})` : 'Availability of a day',
    dataset: context.dataset.name,
    bookingsInTable: context.dataset.bookings,
    http,
    sql,
    invariant: {
      label: revalidate ? `responses other than 304 (200s with the ETag sent; ${changes} new ETags taken after a change)` : `responses other than ${expected}`,
      value: wrong,
      ok: wrong === 0,
      fatal: false,
    },
  };
}
