/**
 * npm run bench:bookings  (after `npm run build`)
 *
 * Booking creation under load: `next start` on a fresh embedded PostgreSQL, then
 * autocannon POSTs /api/bookings/create for 10 s with 50 connections. Requests pick random
 * days (1–60 ahead), hours and bays, so some collide and must get 409; every request
 * comes from another client address so the guest rate limit (3/hour) does not cut the
 * run short. Inline delivery runs as in production, against the recording adapters.
 * Afterwards the database is asked for overlapping live bookings: the count must be 0.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startEmbeddedServer } from '../lib/db/embedded';
import { addDays, venueToday } from '../lib/venue/venue-clock';
import { startBenchServer } from './next-server';

const PORT = Number(process.env.BENCH_PORT || 3200);
const DURATION_SECONDS = Number(process.env.BENCH_DURATION || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const DATA_DIR = path.resolve('.data/bench-bookings');
const BAYS = ['Bay 1', 'Bay 2', 'Bay 3', 'AI Lab'];

function randomBooking(n: number) {
  return JSON.stringify({
    date: addDays(venueToday(), 1 + Math.floor(Math.random() * 60)),
    startTime: `${String(10 + Math.floor(Math.random() * 12)).padStart(2, '0')}:00`,
    duration: 1,
    bay: BAYS[Math.floor(Math.random() * BAYS.length)],
    customerName: `Load Tester ${n}`,
    customerEmail: `load${n}@example.test`,
    customerPhone: '0812345678',
    numberOfPeople: 2,
  });
}

async function main() {
  const server = await startBenchServer(DATA_DIR, PORT, { OUTBOX_TIMER_SECONDS: '0' });
  let http;
  try {
    let n = 0;
    const statuses: Record<string, number> = {};
    const result = await autocannon({
      url: `${server.baseUrl}/api/bookings/create`,
      method: 'POST',
      connections: CONNECTIONS,
      duration: DURATION_SECONDS,
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (request) => {
            n += 1;
            return { ...request, body: randomBooking(n), headers: { ...request.headers, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` } };
          },
          onResponse: (status) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
          },
        },
      ],
    });
    http = {
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      requests: result.requests.total,
      statuses,
      errors: result.errors,
      timeouts: result.timeouts,
    };
  } finally {
    await server.stop();
  }

  const embedded = await startEmbeddedServer(DATA_DIR, () => undefined);
  const client = new pg.Client({ connectionString: embedded.connectionString });
  await client.connect();
  const { rows } = await client.query<{ bookings: number; double_bookings: number; jobs_pending: number }>(`
    select (select count(*)::int from public.bookings where status <> 'cancelled') as bookings,
           (select count(*)::int from public.bookings a join public.bookings b
              on a.bay_id = b.bay_id and a.id < b.id and a.status <> 'cancelled' and b.status <> 'cancelled'
             and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)) as double_bookings,
           (select count(*)::int from public.outbox_jobs where status <> 'succeeded') as jobs_pending`);
  await client.end();
  await embedded.stop();

  const report = { takenAt: new Date().toISOString(), node: process.version, settings: { durationSeconds: DURATION_SECONDS, connections: CONNECTIONS }, http, database: rows[0] };
  console.log(JSON.stringify(report, null, 2));
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/bookings-${report.takenAt.slice(0, 10)}.json`, `${JSON.stringify(report, null, 2)}\n`);
  if (rows[0]!.double_bookings !== 0) process.exit(2);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
