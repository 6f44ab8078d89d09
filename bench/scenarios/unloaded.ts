import http from 'node:http';
import { clientAddress } from '../lib/http-load';
import type { BenchContext } from '../lib/scenario';
import { measureSql } from '../lib/sql';
import { percentile, round } from '../lib/stats';
import { TRIVIAL_ROUTE, type Unloaded } from '../lib/targets';
import { availabilityDate } from './availability';
import { requestBody, slotGrid } from './booking-creation';

const AVAILABILITY_REQUESTS = 300;
const BOOKING_REQUESTS = 40;

interface Answer {
  status: number;
  url: string;
}

/**
 * One keep-alive connection of node:http, the way a browser keeps one open: the client's own
 * cost stays small beside the app's. (Node's fetch adds about 0.8-1 ms to every request here,
 * more than the app's trivial answer takes; the report shows the trivial route through fetch too.)
 */
function oneConnection() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const request = http.request(url, { agent, method: init.method ?? 'GET', headers: init.headers }, (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, url }));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(init.body);
    });
  return { send, close: () => agent.destroy() };
}

/** Milliseconds of each `send()`, one after the other, ascending; the whole answer is read. */
async function backToBack(count: number, send: (n: number) => Promise<Answer>, status = 200): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < count; n++) {
    const started = performance.now();
    const response = await send(n);
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
  const connection = oneConnection();
  const { send } = connection;
  let trivial: number[], trivialFetch: number[], availability: number[], bookings: number[];
  try {
    trivial = await backToBack(AVAILABILITY_REQUESTS, () => send(`${context.baseUrl}${TRIVIAL_ROUTE}`), 410);
    trivialFetch = await backToBack(AVAILABILITY_REQUESTS, async () => {
      const response = await fetch(`${context.baseUrl}${TRIVIAL_ROUTE}`);
      await response.arrayBuffer();
      return response;
    }, 410);
    const url = `${context.baseUrl}/api/availability?date=${availabilityDate()}`;
    availability = await backToBack(AVAILABILITY_REQUESTS, (n) => send(url, { headers: { 'x-forwarded-for': clientAddress(offset + n) } }));
    const slot = await slotGrid(context, 3000);
    const bookingUrl = `${context.baseUrl}/api/bookings/create`;
    bookings = await backToBack(BOOKING_REQUESTS, (n) =>
      send(bookingUrl, { method: 'POST', body: requestBody(slot(n), offset + n), headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress(offset + n) } }));
  } finally {
    connection.close();
  }
  // The disk flush a durable commit waits for, alone: a floor of every write's latency here.
  await context.admin('create schema if not exists bench; create table if not exists bench.commit_floor (n integer)');
  const commit = await measureSql(context.dataset.connectionString, { clients: 1, durationSeconds: 2 }, (client, n) =>
    client.query(`begin; insert into bench.commit_floor values (${n}); commit`));
  return {
    trivialP50: round(percentile(trivial, 50)),
    trivialFetchP50: round(percentile(trivialFetch, 50)),
    commitP50: commit.p50,
    availabilityP50: round(percentile(availability, 50)),
    availabilityRequests: availability.length,
    bookingP50: round(percentile(bookings, 50)),
    bookingRequests: bookings.length,
  };
}
