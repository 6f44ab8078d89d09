import type { BookingRecord } from '../../lib/bookings/schemas';
import { addDays, venueToday } from '../../lib/venue/venue-clock';
import { clientAddress, loadHttp } from '../lib/http-load';
import type { BenchContext, ScenarioResult } from '../lib/scenario';
import { unexpectedStatuses } from '../lib/scenario';
import { settings } from '../lib/settings';
import { anon, callFunction, measureSql } from '../lib/sql';

interface Slot {
  date: string;
  startTime: string;
  bay: string;
}

/** Slot k of the bookable grid from `firstDay` days ahead on: every hour of every bay, day after day. */
export async function slotGrid(context: BenchContext, firstDay: number): Promise<(k: number) => Slot> {
  const bays = (await context.admin<{ name: string }>('select name from public.bays where active order by sort_order, name')).map((b) => b.name);
  const [hours] = await context.admin<{ opens: number; count: number }>(
    `select min(extract(hour from opens))::int as opens, min(extract(hour from closes - opens))::int as count from public.opening_hours`,
  );
  const perDay = hours!.count * bays.length;
  // The grid runs years ahead, past the venue's booking horizon (public.venue_settings).
  await context.admin('update public.venue_settings set guest_booking_horizon_days = 3650, member_booking_horizon_days = 3650');
  const today = venueToday();
  return (k) => ({
    date: addDays(today, firstDay + Math.floor(k / perDay)),
    startTime: `${String(hours!.opens + (k % hours!.count)).padStart(2, '0')}:00`,
    bay: bays[Math.floor(k / hours!.count) % bays.length]!,
  });
}

const guest = (n: number) => ({ name: `Load Tester ${n}`, email: `load${n}@example.test`, phone: '0812345678' });

/** One guest's booking request: the body over HTTP, and create_booking's record in SQL alone. */
const bookingRequest = (slot: Slot, n: number) =>
  ({ ...slot, duration: 1, numberOfPeople: 2, customerName: guest(n).name, customerEmail: guest(n).email, customerPhone: guest(n).phone }) satisfies BookingRecord;

export const requestBody = (slot: Slot, n: number) => JSON.stringify(bookingRequest(slot, n));

const createBooking = (slot: Slot, n: number) => ({ p_booking: bookingRequest(slot, n) });

/** Live bookings that overlap an earlier live booking of the same bay: must be 0. */
export async function countDoubleBookings(context: BenchContext): Promise<number> {
  const [row] = await context.admin<{ count: number }>(`
    select count(*)::int as count from (
      select starts_at < max(ends_at) over (partition by bay_id order by starts_at, id rows between unbounded preceding and 1 preceding) as overlapping
      from public.bookings where status <> 'cancelled'
    ) b where overlapping`);
  return row!.count;
}

/**
 * POST /api/bookings/create spread over free slots: every request books its own hour of a
 * bay (from the day after tomorrow on), so each should succeed. Each request comes from
 * another client address (the guest limit is 3 an hour) and runs the whole path the app
 * runs, inline delivery through the recording adapters included. SQL alone: create_booking
 * on the next free slots.
 */
export async function spreadBookings(context: BenchContext): Promise<ScenarioResult> {
  const slot = await slotGrid(context, 2);
  let k = 0;
  const sql = await measureSql(context.dataset.connectionString, { clients: settings.sqlClients, durationSeconds: settings.sqlDurationSeconds },
    (client) => {
      const n = k++;
      return callFunction(client, anon, 'create_booking', createBooking(slot(n), n));
    });
  const request = () => {
    const n = k++;
    return { body: requestBody(slot(n), n), headers: { 'x-forwarded-for': clientAddress(n) } };
  };
  const url = `${context.baseUrl}/api/bookings/create`;
  await context.resetRateLimits();
  // The first booking loads the delivery code (mail, calendar, LINE clients): once, before any load.
  const first = request();
  await fetch(url, { method: 'POST', body: first.body, headers: { ...first.headers, 'content-type': 'application/json' } });
  await loadHttp({ url, method: 'POST', connections: settings.connections, durationSeconds: settings.warmupSeconds, request });
  const http = await loadHttp({ url, method: 'POST', connections: settings.connections, durationSeconds: settings.durationSeconds, request });
  const doubleBookings = await countDoubleBookings(context);
  return {
    id: 'bookings-spread',
    title: 'Booking creation, spread over free slots',
    dataset: context.dataset.name,
    bookingsInTable: context.dataset.bookings,
    http,
    sql,
    invariant: { label: 'double bookings', value: doubleBookings, ok: doubleBookings === 0, fatal: doubleBookings !== 0 },
    notes: { requestsNotCreated: unexpectedStatuses(http, [200]), sqlOutcomes: sql.outcomes },
  };
}

/**
 * A burst on a single slot: BENCH_BURST_SIZE requests for the same bay and hour, all in
 * flight together, then the next slot. Exactly one request of each slot may win; the rest
 * must get 409. SQL alone: the same bursts of create_booking from BENCH_POOL connections.
 */
export async function burstBookings(context: BenchContext): Promise<ScenarioResult> {
  const sqlSlot = await slotGrid(context, 1000);
  const httpSlot = await slotGrid(context, 2000);
  const sql = await measureSql(context.dataset.connectionString, { clients: settings.pool, durationSeconds: settings.sqlDurationSeconds },
    (client, n) => callFunction(client, anon, 'create_booking', createBooking(sqlSlot(Math.floor(n / settings.burstSize)), n)));
  let n = 0;
  const request = () => {
    const i = n++;
    return { body: requestBody(httpSlot(Math.floor(i / settings.burstSize)), i), headers: { 'x-forwarded-for': clientAddress(i) } };
  };
  const url = `${context.baseUrl}/api/bookings/create`;
  await context.resetRateLimits();
  const http = await loadHttp({ url, method: 'POST', connections: settings.connections, durationSeconds: settings.durationSeconds, request });
  const doubleBookings = await countDoubleBookings(context);
  const winners = http.statuses['200'] ?? 0;
  const slots = Math.ceil(http.requests / settings.burstSize);
  return {
    id: 'bookings-burst',
    title: `Booking creation, bursts of ${settings.burstSize} on a single slot`,
    dataset: context.dataset.name,
    bookingsInTable: context.dataset.bookings,
    http,
    sql,
    sqlContended: true,
    invariant: { label: 'double bookings', value: doubleBookings, ok: doubleBookings === 0, fatal: doubleBookings !== 0 },
    notes: { slots, winners, otherThan200or409: unexpectedStatuses(http, [200, 409]), sqlOutcomes: sql.outcomes },
  };
}
