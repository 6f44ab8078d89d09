/**
 * npm run bench — every benchmark scenario, end to end, and the report.
 *
 * 1. `next build` when the production build is missing or older than the sources.
 * 2. A small data set (BENCH_SMALL_BOOKINGS bookings): `next start` on its embedded
 *    PostgreSQL, then each scenario over HTTP (autocannon) and as SQL alone.
 * 3. A large data set (BENCH_LARGE_BOOKINGS): availability and the VIP bookings list again,
 *    for the scale comparison, with the query plans at both sizes.
 * 4. bench/results/<date>.json and docs/PERFORMANCE.md (a partial run: .data/bench/partial.json).
 *
 * Exits 2 when a correctness invariant broke (a double booking, an over-award), 1 on error.
 * BENCH_ONLY=availability,vip,bookings,burst,spins,unloaded,scale runs a subset (no report written).
 *
 * Every scenario is reported with the trivial route (bench/lib/targets.ts) under the same load,
 * measured just before it, and the ratio; the targets of issue 17 are checked at the end.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Redis from 'ioredis';
import pg from 'pg';
import { startRedis, type RedisServer } from '../tests/support/redis';
import { availability, availabilityDate } from './scenarios/availability';
import { burstBookings, spreadBookings } from './scenarios/booking-creation';
import { BENCH_LINE_CHANNEL, spins } from './scenarios/spins';
import { compareSqlAtScale } from './scenarios/scale';
import { LAST_PAGE, PAGE_SIZE, vipBookings } from './scenarios/vip-bookings';
import { unloaded } from './scenarios/unloaded';
import { ensureBuild } from './lib/build';
import { buildDataset, type Dataset } from './lib/dataset';
import { startNextServer } from './lib/next-server';
import { machine, scaleRows, writeReport, type BenchReport, type QueryPlan } from './lib/report';
import type { BenchContext, ScenarioResult } from './lib/scenario';
import { SCALE_LIMIT, settings } from './lib/settings';
import { checkTargets, shareOfTrivial, TRIVIAL_ROUTE, type Unloaded } from './lib/targets';
import { loadHttp } from './lib/http-load';
import { anon, callFunction, explainFunction, member } from './lib/sql';
import { round } from './lib/stats';

// The app signs session tokens with this secret during the run, so the benchmark can sign in its members.
const NEXTAUTH_SECRET = 'bench-only-nextauth-secret-0123456789abcdef';
process.env.NEXTAUTH_SECRET = NEXTAUTH_SECRET;

const selected = (name: string) => settings.only.length === 0 || settings.only.includes(name);

type Scenario = (context: BenchContext) => Promise<ScenarioResult>;

// Each scenario runs when one of its names is selected; those named 'scale' are measured at both sizes.
const SCENARIOS: Array<[string[], Scenario]> = [
  [['availability', 'scale'], (c) => availability(c, false)],
  [['availability'], (c) => availability(c, true)],
  [['vip', 'scale'], (c) => vipBookings(c, 'first')],
  [['vip', 'scale'], (c) => vipBookings(c, 'deep')],
  [['bookings'], spreadBookings],
  [['burst'], burstBookings],
  [['spins'], spins],
];
const SCALE_SCENARIOS = SCENARIOS.filter(([names]) => names.includes('scale')).map(([, scenario]) => scenario);

interface DatasetRun {
  results: ScenarioResult[];
  plans: QueryPlan[];
  unloaded?: Unloaded;
}

/** The trivial route under the scenarios' load: Next.js's floor on this machine at this moment. */
async function trivialBaseline(baseUrl: string) {
  const url = `${baseUrl}${TRIVIAL_ROUTE}`;
  await loadHttp({ url, connections: settings.connections, durationSeconds: Math.min(1, settings.warmupSeconds) });
  return loadHttp({ url, connections: settings.connections, durationSeconds: settings.durationSeconds });
}

/** Runs `scenarios` against `next start` on the data set, then records the plans of the scaled queries. */
async function onDataset(dataset: Dataset, scenarios: Scenario[], withUnloaded = false): Promise<DatasetRun> {
  const admin = new pg.Client({ connectionString: dataset.connectionString });
  admin.on('error', () => undefined); // the data set's server stopping under a failed run
  await admin.connect();
  try {
    return await scenariosAndPlans(dataset, scenarios, admin, withUnloaded);
  } finally {
    await admin.end();
  }
}

/** Rate limits count in Redis, as in a deployment with REDIS_URL, when redis-server is installed. */
let redis: RedisServer | null = null;

async function scenariosAndPlans(dataset: Dataset, scenarios: Scenario[], admin: pg.Client, withUnloaded: boolean): Promise<DatasetRun> {
  const redisClient = redis ? new Redis(redis.url) : null;
  const server = await startNextServer(dataset.dataDir, settings.port, {
    ...(redis ? { REDIS_URL: redis.url } : {}),
    NEXTAUTH_SECRET,
    LINE_LIFF_CHANNEL_ID: BENCH_LINE_CHANNEL.id,
    LINE_LIFF_CHANNEL_SECRET: BENCH_LINE_CHANNEL.secret,
    // Delivery is measured inline, as requests make it; no timers competing for the cores.
    OUTBOX_TIMER_SECONDS: '0',
    REVIEW_REQUEST_TIMER_SECONDS: '0',
    VIP_SESSION_CLEANUP_SECONDS: '0',
  });
  const context: BenchContext = {
    dataset,
    baseUrl: server.baseUrl,
    admin: async (sql, values) => (await admin.query(sql, values)).rows,
    call: (caller, name, args) => callFunction(admin, caller, name, args),
    resetRateLimits: async () => {
      await admin.query('truncate app_private.rate_limit_windows');
      await redisClient?.flushdb();
    },
  };
  const results: ScenarioResult[] = [];
  let unloadedRun: Unloaded | undefined;
  try {
    for (const scenario of scenarios) {
      const baseline = await trivialBaseline(server.baseUrl);
      const result = { ...(await scenario(context)), baseline };
      console.log(`bench: ${dataset.name} ${result.title}: ${result.http.requestsPerSecond} req/s p50 ${result.http.p50} ms p99 ${result.http.p99} ms ` +
        `(trivial route ${baseline.requestsPerSecond} req/s: ${Math.round(shareOfTrivial(result) * 100)}%); ` +
        `SQL ${result.sql.callsPerSecond}/s p50 ${result.sql.p50} ms p99 ${result.sql.p99} ms; ${result.invariant.label}: ${result.invariant.value}`);
      results.push(result);
    }
    if (withUnloaded) {
      unloadedRun = await unloaded(context, 5_000_000);
      console.log(`bench: ${dataset.name} unloaded (one connection): trivial route p50 ${unloadedRun.trivialP50} ms (through fetch ${unloadedRun.trivialFetchP50} ms), availability p50 ${unloadedRun.availabilityP50} ms, guest booking p50 ${unloadedRun.bookingP50} ms, a durable commit alone p50 ${unloadedRun.commitP50} ms`);
    }
  } finally {
    await server.stop();
    redisClient?.disconnect();
  }
  const plans: QueryPlan[] = [];
  if (selected('scale')) {
    const profileId = dataset.members[0]!.profileId;
    const queries: Array<[string, Parameters<typeof explainFunction>[1], string, Record<string, unknown>, string?]> = [
      // A warm call serves the day's stored answer without reading bookings: the plan shown is a miss's.
      ['get_availability (the day computed: its stored answer dropped first)', anon, 'get_availability', { p_date: availabilityDate() }, 'delete from app_private.availability_answers'],
      [`get_my_bookings, page 1`, member(profileId), 'get_my_bookings', { p_filter: 'all', p_page: 1, p_limit: PAGE_SIZE }],
      [`get_my_bookings, page ${LAST_PAGE}`, member(profileId), 'get_my_bookings', { p_filter: 'all', p_page: LAST_PAGE, p_limit: PAGE_SIZE }],
    ];
    for (const [title, caller, name, args, beforeSecondCall] of queries) {
      plans.push({ title, dataset: dataset.name, bookingsInTable: dataset.bookings, plans: await explainFunction(dataset.connectionString, caller, name, args, beforeSecondCall) });
    }
  }
  return { results, plans, unloaded: unloadedRun };
}

async function countBookings(dataset: Dataset): Promise<number> {
  const client = new pg.Client({ connectionString: dataset.connectionString });
  await client.connect();
  try {
    return (await client.query<{ count: number }>('select count(*)::int as count from public.bookings')).rows[0]!.count;
  } finally {
    await client.end();
  }
}

async function main() {
  const started = performance.now();
  const buildSeconds = await ensureBuild();
  const report: BenchReport = {
    takenAt: new Date().toISOString(),
    command: 'npm run bench',
    machine: machine(),
    postgresVersion: '',
    settings: { ...settings },
    buildSeconds,
    datasets: [],
    results: [],
    scale: [],
    scaleBookings: [],
    plans: [],
    targets: [],
    totalSeconds: 0,
  };

  redis = await startRedis().catch((error: Error) => {
    console.log(`bench: no Redis (${error.message}); rate limits count in PostgreSQL`);
    return null;
  });
  report.rateLimits = redis ? 'redis' : 'postgres';
  const smallScenarios = SCENARIOS.filter(([names]) => names.some(selected)).map(([, scenario]) => scenario);
  const datasets: Dataset[] = [];
  try {
    if (smallScenarios.length || selected('unloaded')) {
      const small = await buildDataset('small', settings.smallBookings);
      datasets.push(small);
      report.postgresVersion = small.postgresVersion;
      console.log(`bench: small data set, ${small.bookings} bookings, built in ${small.buildSeconds} s`);
      const run = await onDataset(small, smallScenarios, selected('unloaded'));
      report.results.push(...run.results);
      report.plans.push(...run.plans);
      report.unloaded = run.unloaded;
    }
    if (selected('scale')) {
      // The small data set's server keeps running: SQL alone is compared at both sizes side by side.
      const large = await buildDataset('large', settings.largeBookings);
      datasets.push(large);
      console.log(`bench: large data set, ${large.bookings} bookings, built in ${large.buildSeconds} s`);
      const run = await onDataset(large, SCALE_SCENARIOS);
      report.results.push(...run.results);
      report.plans.push(...run.plans);
      report.scale = scaleRows(report.results, await compareSqlAtScale(datasets[0]!, large));
      report.scaleBookings = await Promise.all(datasets.map(countBookings));
      for (const row of report.scale) {
        console.log(`bench: scale ${row.title}: SQL p50 x${row.sqlRatio}, HTTP p50 x${row.httpRatio}${row.withinLimit ? '' : `  ** over ${SCALE_LIMIT}x **`}`);
      }
    }
  } finally {
    for (const dataset of datasets) await dataset.stop();
    await redis?.stop();
  }
  report.datasets = datasets.map(({ name, bookings, historyYears, buildSeconds }) => ({ name, bookings, historyYears, buildSeconds }));
  report.totalSeconds = round((performance.now() - started) / 1000);
  report.targets = checkTargets(report.results, report.scale, report.unloaded);
  console.log('bench: targets of issue 17 (ratios to the trivial route measured just before each scenario, in this run):');
  for (const check of report.targets) console.log(`bench:   ${check.pass ? 'PASS' : 'FAIL'}  ${check.target}: ${check.measured}`);

  // A full run is the record (bench/results, docs/PERFORMANCE.md); a partial one stays under .data.
  const full = settings.only.length === 0;
  const resultsFile = full ? `bench/results/${report.takenAt.slice(0, 10)}.json` : '.data/bench/partial.json';
  await mkdir(path.dirname(resultsFile), { recursive: true });
  await writeFile(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  if (full) await writeReport('docs/PERFORMANCE.md', report);
  console.log(`bench: done in ${report.totalSeconds} s; results in ${resultsFile}${full ? ', report in docs/PERFORMANCE.md' : ' (partial run: docs/PERFORMANCE.md left alone)'}`);

  const broken = report.results.filter((result) => !result.invariant.ok);
  for (const result of broken) console.error(`bench: ${result.dataset} ${result.title}: ${result.invariant.label} = ${result.invariant.value}`);
  if (broken.some((result) => result.invariant.fatal)) process.exit(2);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
