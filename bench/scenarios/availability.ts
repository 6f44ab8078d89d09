import pg from 'pg';
import { functionCall, oneRoundTrip } from '../../lib/db/pg-transport';
import { addDays, venueToday } from '../../lib/venue/venue-clock';
import { clientAddress, loadHttp } from '../lib/http-load';
import type { BenchContext, ScenarioResult } from '../lib/scenario';
import { unexpectedStatuses } from '../lib/scenario';
import { settings } from '../lib/settings';
import { anon, callFunction, measureSql, type SqlWork } from '../lib/sql';

/** The day measured: tomorrow, which holds the seed's demo bookings at every data-set size. */
export const availabilityDate = () => addDays(venueToday(), 1);

/**
 * SQL alone: get_availability of the measured day, as the app calls it for anyone. Back to back
 * this is warm: the day's stored answer (migration 20261202120000) serves every call but the first.
 */
export const availabilitySql = (): SqlWork => {
  const date = availabilityDate();
  return (client) => callFunction(client, anon, 'get_availability', { p_date: date });
};

/**
 * The same, cold: each call computes the day and stores it, as the first call after a change
 * does. The stored answer is dropped in the same message (one round trip, the delete of one
 * row of an unlogged table before the call).
 */
export const availabilitySqlCold = (): SqlWork => {
  const date = availabilityDate();
  const { sql, values } = functionCall('get_availability', { p_date: date });
  const text = `delete from app_private.availability_answers where day = ${pg.escapeLiteral(date)}; ${oneRoundTrip(sql, values, anon)}`;
  return async (client) => {
    const results = (await client.query(text)) as unknown as pg.QueryResult<{ result: unknown }>[];
    if (!results[2]?.rows[0]?.result) throw new Error('get_availability answered nothing');
  };
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

  const sqlOptions = { clients: settings.sqlClients, durationSeconds: settings.sqlDurationSeconds };
  const sql = await measureSql(context.dataset.connectionString, sqlOptions, availabilitySql());
  // The ETag run repeats the same SQL; the cold calls are measured once, beside the plain run.
  const sqlCold = revalidate ? undefined : await measureSql(context.dataset.connectionString, sqlOptions, availabilitySqlCold());
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
    ...(sqlCold ? { notes: { sqlCold } } : {}),
    invariant: {
      label: revalidate ? `responses other than 304 (200s with the ETag sent; ${changes} new ETags taken after a change)` : `responses other than ${expected}`,
      value: wrong,
      ok: wrong === 0,
      fatal: false,
    },
  };
}
