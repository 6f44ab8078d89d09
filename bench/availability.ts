/**
 * npm run bench:availability  (after `npm run build`)
 *
 * Measures GET /api/availability under `next start` with autocannon (10 s, 50 connections,
 * each request from a different client address so the per-client rate limit does not cut
 * the run short, while every request still pays for its rate-limit hit), then the SQL
 * function get_availability alone through the pg transport's path (role + claims + call).
 * Prints a JSON summary and writes it to bench/results/.
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
const DATA_DIR = path.resolve('.data/bench');
const date = addDays(venueToday(), 1);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function benchHttp() {
  const server = await startBenchServer(DATA_DIR, PORT);
  try {
    const url = `${server.baseUrl}/api/availability?date=${date}`;
    // Warm up: first requests compile nothing under next start, but fill pools and caches.
    for (let i = 0; i < 20; i++) await fetch(url, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
    let client = 0;
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: DURATION_SECONDS,
      requests: [
        {
          setupRequest: (request) => {
            client = (client + 1) % 60000;
            return { ...request, headers: { ...request.headers, 'x-forwarded-for': `10.${client >> 8}.${client & 255}.1` } };
          },
        },
      ],
    });
    return {
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
  } finally {
    await server.stop();
  }
}

async function benchSql() {
  const embedded = await startEmbeddedServer(DATA_DIR, () => undefined);
  const pool = new pg.Pool({ connectionString: embedded.connectionString, max: 10 });
  const call = async () => {
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('role', 'anon', true), set_config('request.jwt.claims', '{"role":"anon"}', true)`);
      await client.query('select public.get_availability(p_date => $1) as result', [date]);
      await client.query('commit');
    } finally {
      client.release();
    }
  };
  const timeFunctionOnly = async (iterations: number) => {
    const client = await pool.connect();
    const samples: number[] = [];
    try {
      for (let i = 0; i < iterations; i++) {
        const started = process.hrtime.bigint();
        await client.query('select public.get_availability(p_date => $1) as result', [date]);
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    } finally {
      client.release();
    }
    return samples.sort((a, b) => a - b);
  };

  try {
    for (let i = 0; i < 50; i++) await call();
    const single = await timeFunctionOnly(500);
    // Throughput of the full RPC path (transaction, role, claims, call) with 10 clients for the same duration.
    const latencies: number[] = [];
    const deadline = Date.now() + DURATION_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        while (Date.now() < deadline) {
          const started = process.hrtime.bigint();
          await call();
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    return {
      functionAloneMs: { p50: round(percentile(single, 50)), p99: round(percentile(single, 99)), iterations: single.length },
      rpcPath10Clients: {
        callsPerSecond: round(latencies.length / DURATION_SECONDS),
        latencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
      },
    };
  } finally {
    await pool.end();
    await embedded.stop();
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

async function main() {
  const http = await benchHttp();
  const sql = await benchSql();
  const report = {
    takenAt: new Date().toISOString(),
    date,
    node: process.version,
    settings: { durationSeconds: DURATION_SECONDS, connections: CONNECTIONS },
    http,
    sql,
  };
  console.log(JSON.stringify(report, null, 2));
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/availability-${report.takenAt.slice(0, 10)}.json`, `${JSON.stringify(report, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
