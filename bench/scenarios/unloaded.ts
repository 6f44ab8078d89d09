import { clientAddress } from '../lib/http-load';
import type { BenchContext } from '../lib/scenario';
import { measureSql } from '../lib/sql';
import { percentile, round } from '../lib/stats';
import { TRIVIAL_ROUTE, type Unloaded } from '../lib/targets';
import { availabilityDate } from './availability';
import { requestBody, slotGrid } from './booking-creation';

const AVAILABILITY_REQUESTS = 300;
const BOOKING_REQUESTS = 40;

/** Milliseconds of each `send()`, one after the other on one keep-alive connection, ascending. */
async function backToBack(count: number, send: (n: number) => Promise<Response>, status = 200): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < count; n++) {
    const started = performance.now();
    const response = await send(n);
    await response.arrayBuffer();
    if (response.status !== status) throw new Error(`unloaded run: ${response.status} from ${response.url}`);
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b);
}

/**
 * One user on an otherwise idle app: GET /api/availability of the measured day (the warm path,
 * as a returning visitor's), and guest bookings of free slots years ahead (clear of the other
 * scenarios' slots), each with its inline delivery through the recording adapters; and one
 * durable commit alone, the disk flush every booking waits for.
 */
export async function unloaded(context: BenchContext, offset: number): Promise<Unloaded> {
  await context.resetRateLimits();
  const trivial = await backToBack(AVAILABILITY_REQUESTS, () => fetch(`${context.baseUrl}${TRIVIAL_ROUTE}`), 410);
  const url = `${context.baseUrl}/api/availability?date=${availabilityDate()}`;
  const availability = await backToBack(AVAILABILITY_REQUESTS, (n) => fetch(url, { headers: { 'x-forwarded-for': clientAddress(offset + n) } }));
  const slot = await slotGrid(context, 3000);
  const bookingUrl = `${context.baseUrl}/api/bookings/create`;
  const bookings = await backToBack(BOOKING_REQUESTS, (n) =>
    fetch(bookingUrl, { method: 'POST', body: requestBody(slot(n), offset + n), headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress(offset + n) } }));
  // The disk flush a durable commit waits for, alone: a floor of every write's latency here.
  await context.admin('create schema if not exists bench; create table if not exists bench.commit_floor (n integer)');
  const commit = await measureSql(context.dataset.connectionString, { clients: 1, durationSeconds: 2 }, (client, n) =>
    client.query(`begin; insert into bench.commit_floor values (${n}); commit`));
  return {
    trivialP50: round(percentile(trivial, 50)),
    commitP50: commit.p50,
    availabilityP50: round(percentile(availability, 50)),
    availabilityRequests: availability.length,
    bookingP50: round(percentile(bookings, 50)),
    bookingRequests: bookings.length,
  };
}
