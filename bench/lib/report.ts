import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { BOOKINGS_PER_MEMBER, MEMBERS } from './dataset';
import type { SqlAtScale } from '../scenarios/scale';
import type { ScenarioResult } from './scenario';
import { SCALE_LIMIT, settings } from './settings';
import { round } from './stats';
import { shareOfTrivial, TRIVIAL_ROUTE, type TargetCheck, type Unloaded } from './targets';

export interface QueryPlan {
  title: string;
  dataset: string;
  bookingsInTable: number;
  /** EXPLAIN (ANALYZE, BUFFERS) of each statement the function ran that reads public.bookings. */
  plans: string[];
}

export interface ScaleRow {
  id: string;
  title: string;
  small: { bookings: number; sqlP50: number; httpP50: number };
  large: { bookings: number; sqlP50: number; httpP50: number };
  sqlRatio: number;
  httpRatio: number;
  withinLimit: boolean;
}

export interface BenchReport {
  takenAt: string;
  command: string;
  machine: ReturnType<typeof machine>;
  postgresVersion: string;
  settings: typeof settings;
  buildSeconds: number;
  datasets: Array<{ name: string; bookings: number; historyYears: number; buildSeconds: number }>;
  results: ScenarioResult[];
  scale: ScaleRow[];
  /** Rows in public.bookings of the small and the large data set when SQL alone was compared. */
  scaleBookings: number[];
  plans: QueryPlan[];
  /** Where the app's rate limits counted: Redis (REDIS_URL, a local redis-server) or PostgreSQL. */
  rateLimits?: 'redis' | 'postgres';
  /** One-connection latencies on the small data set. */
  unloaded?: Unloaded;
  /** Issue 17's targets, checked against this run. */
  targets: TargetCheck[];
  totalSeconds: number;
}

/**
 * Before issue 17 (four round trips per rpc, no availability cache, content-hash ETags): the
 * run of 2026-11-25 (bench/results/2026-11-25.json) and, for the shares of a trivial route,
 * the issue's own side-by-side measurement.
 */
const BEFORE: Record<string, { requestsPerSecond: number; sqlP50: number; share?: string }> = {
  availability: { requestsPerSecond: 107.4, sqlP50: 7.49, share: '37%' },
  'availability-etag': { requestsPerSecond: 130.68, sqlP50: 7.25, share: '44%' },
  'vip-bookings': { requestsPerSecond: 109.59, sqlP50: 5.81 },
  'vip-bookings-deep': { requestsPerSecond: 121.9, sqlP50: 5.94 },
  'bookings-spread': { requestsPerSecond: 49.77, sqlP50: 3.7 },
  'bookings-burst': { requestsPerSecond: 118.28, sqlP50: 69.2 },
  spins: { requestsPerSecond: 161.72, sqlP50: 27.08 },
};

const percent = (share: number) => (Number.isFinite(share) ? `${Math.round(share * 100)}%` : '–');

function targetsTable(checks: TargetCheck[]): string {
  return [
    '| target | this run | |',
    '| --- | --- | --- |',
    ...checks.map((c) => `| ${c.target} | ${c.measured} | ${c.pass ? 'pass' : '**fail**'} |`),
  ].join('\n');
}

function beforeAfterTable(results: ScenarioResult[]): string {
  return [
    '| scenario | req/s before | share of trivial before | req/s after | share of trivial after | SQL p50 before | SQL p50 after |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map((r) => {
      const before = BEFORE[r.id];
      return `| ${r.title} | ${before?.requestsPerSecond ?? '–'} | ${before?.share ?? '–'} | ${r.http.requestsPerSecond} | ${percent(shareOfTrivial(r))} | ${before ? ms(before.sqlP50) : '–'} | ${ms(r.sql.p50)} |`;
    }),
  ].join('\n');
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    /** What else ran: the 1-minute load average when the run started (2 cores busy = 2). */
    loadAverage: round(os.loadavg()[0] ?? 0),
  };
}

/**
 * Latency at the large data set over the small one, per scenario measured at both: HTTP
 * from the scenarios' runs, SQL alone from the interleaved comparison.
 */
export function scaleRows(results: ScenarioResult[], sql: SqlAtScale): ScaleRow[] {
  const small = results.filter((r) => r.dataset === 'small');
  return results
    .filter((r) => r.dataset === 'large')
    .flatMap((large) => {
      const base = small.find((r) => r.id === large.id);
      const sqlAtScale = sql[large.id];
      if (!base || !sqlAtScale) return [];
      const sqlRatio = round(sqlAtScale.large.p50 / sqlAtScale.small.p50);
      const httpRatio = round(large.http.p50 / base.http.p50);
      return [{
        id: large.id,
        title: large.title,
        small: { bookings: base.bookingsInTable, sqlP50: sqlAtScale.small.p50, httpP50: base.http.p50 },
        large: { bookings: large.bookingsInTable, sqlP50: sqlAtScale.large.p50, httpP50: large.http.p50 },
        sqlRatio,
        httpRatio,
        withinLimit: sqlRatio <= SCALE_LIMIT && httpRatio <= SCALE_LIMIT,
      }];
    });
}

const thousands = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) => `${n} ms`;

/** Machine time one HTTP request costs: every core busy, divided by the requests they served. */
const machineMsPerRequest = (r: ScenarioResult, cores: number) => (r.http.requestsPerSecond > 0 ? round((cores * 1000) / r.http.requestsPerSecond) : Number.NaN);

function summaryTable(results: ScenarioResult[], cores: number): string {
  const rows = results.map((r) => {
    const perRequest = machineMsPerRequest(r, cores);
    const factor = Number.isFinite(perRequest) && r.sql.p50 > 0 && !r.sqlContended ? `${round(perRequest / r.sql.p50)}×` : '–';
    const invariant = `${r.invariant.label}: **${r.invariant.value}**${r.invariant.ok ? '' : ' ⚠'}`;
    return `| ${r.title} | ${r.http.requestsPerSecond} | ${r.baseline?.requestsPerSecond ?? '–'} | ${percent(shareOfTrivial(r))} | ${ms(r.http.p50)} | ${ms(r.http.p99)} | ${ms(perRequest)} | ${r.sql.callsPerSecond} | ${ms(r.sql.p50)} | ${ms(r.sql.p99)} | ${factor} | ${invariant} |`;
  });
  return [
    '| scenario | HTTP req/s | trivial route req/s | share of trivial | HTTP p50 | HTTP p99 | machine time per request | SQL alone calls/s | SQL p50 | SQL p99 | request ÷ SQL p50 | invariant |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
  ].join('\n');
}

function detailsTable(results: ScenarioResult[]): string {
  return [
    '| scenario | HTTP requests (statuses) | HTTP connections | SQL calls (outcomes) | SQL clients |',
    '| --- | --- | ---: | --- | ---: |',
    ...results.map((r) => {
      const statuses = Object.entries(r.http.statuses).map(([status, count]) => `${count} × ${status}`).join(', ');
      const faults = r.http.errors + r.http.timeouts ? `, ${r.http.errors} errors, ${r.http.timeouts} timeouts` : '';
      const outcomes = Object.entries(r.sql.outcomes).map(([outcome, count]) => `${count} × ${outcome}`).join(', ');
      return `| ${r.title} | ${thousands(r.http.requests)} (${statuses}${faults}) | ${r.http.connections} | ${thousands(r.sql.calls)} (${outcomes}) | ${r.sql.clients} |`;
    }),
  ].join('\n');
}

function scaleTable(rows: ScaleRow[]): string {
  return [
    '| measurement | SQL p50 small | SQL p50 large | ratio | HTTP p50 small | HTTP p50 large | ratio | within 1.5× |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.title} | ${ms(r.small.sqlP50)} | ${ms(r.large.sqlP50)} | ${r.sqlRatio}× | ${ms(r.small.httpP50)} | ${ms(r.large.httpP50)} | ${r.httpRatio}× | ${r.withinLimit ? 'yes' : '**no**'} |`),
  ].join('\n');
}

/** get_availability's cold calls beside the warm ones (bench/scenarios/availability.ts). */
function coldNote(results: ScenarioResult[]): string {
  const run = results.find((r) => r.id === 'availability');
  const cold = run?.notes?.sqlCold as { p50: number; p99: number } | undefined;
  return cold && run ? `warm ${run.sql.p50} ms p50, cold ${cold.p50} ms p50 and ${cold.p99} ms p99 in this run` : 'cold calls not measured in this run';
}

function planSections(plans: QueryPlan[]): string {
  return plans
    .map((p) => `<details><summary><b>${p.title}</b>, ${thousands(p.bookingsInTable)} bookings</summary>\n\n\`\`\`text\n${p.plans.join('\n\n').replace(/^Query Text:[\s\S]*?\n(?=\S)/gm, '')}\n\`\`\`\n\n</details>`)
    .join('\n\n');
}

export async function writeReport(file: string, report: BenchReport): Promise<void> {
  const main = report.results.filter((r) => r.dataset === 'small');
  const small = report.datasets.find((d) => d.name === 'small');
  const large = report.datasets.find((d) => d.name === 'large');
  const s = report.settings;
  const m = report.machine;
  const text = `# Performance

<!-- Written by \`npm run bench\` (bench/run.ts, bench/lib/report.ts): edit those, not this file. -->

Measured with \`${report.command}\` on ${report.takenAt.slice(0, 10)} (${report.takenAt}).

| | |
| --- | --- |
| machine | ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; load average ${m.loadAverage ?? '?'} when the run started |
| software | Node ${m.node}, PostgreSQL ${report.postgresVersion} (embedded), Next.js production build (\`next start\`), rate limits in ${report.rateLimits === 'redis' ? 'Redis (a local redis-server, \`REDIS_URL\`)' : 'PostgreSQL'} |
| load | autocannon ${s.connections} connections, ${s.durationSeconds} s per run after a ${s.warmupSeconds} s warm-up; SQL alone ${s.sqlClients === 1 ? 'one client' : `${s.sqlClients} clients`} for ${s.sqlDurationSeconds} s (bursts and spins: ${s.pool} at once) |
| run time | ${report.totalSeconds} s in all${report.buildSeconds ? `, of which \`next build\` ${report.buildSeconds} s` : ' (the build was current)'}; data sets built in ${report.datasets.map((d) => `${d.buildSeconds} s (${thousands(d.bookings)} bookings)`).join(' and ')} |

The load generator, Next.js and PostgreSQL share the same ${m.cores} cores, so the HTTP figures
are a floor, and latency under ${s.connections} connections is mostly waiting for a core. Figures
depend on the machine and on what else runs on it: re-run the command to compare like with like.

## Targets of issue 17

${targetsTable(report.targets)}

Shares are requests/s over those of a trivial route of this app (\`GET ${TRIVIAL_ROUTE}\`: 410, no
database, the framework's floor) under the same load, measured just before each scenario in the
same run, so the machine's other load weighs on both alike.${report.unloaded ? ` Unloaded: one keep-alive connection (node:http), requests back to back, ${report.unloaded.availabilityRequests} availability reads and ${report.unloaded.bookingRequests} guest bookings (the trivial route: ${report.unloaded.trivialP50 ?? '?'} ms p50; through Node's fetch, as runs before 2026-12-03 measured, ${report.unloaded.trivialFetchP50 ?? '?'} ms: the difference is the client's own cost); and \`begin; insert; commit\` alone for 2 s (${report.unloaded.commitP50 ?? '?'} ms p50), the disk flush a durable write waits for: create_booking commits once, a guest booking's request waits for two flushes in a row (create_booking, then the inline jobs' outcomes), three with the rate limit in PostgreSQL (no Redis).` : ''}

## Before and after issue 17

${beforeAfterTable(main)}

Before: \`npm run bench\` of 2026-11-25 (four round trips per \`rpc\`, every availability request
computed in SQL, ETags hashed from the computed body) and the shares the issue measured side by
side. After: this run. What changed: each \`rpc\` is one round trip (the caller's settings and
the call in one message, which PostgreSQL runs as one implicit transaction: no \`begin\` or
\`commit\`, lib/db/pg-transport.ts); each app instance caches the days it computed and checks their versions five
times a second in one query, dropping a day whose version moved (lib/availability/availability-cache.ts,
migrations 20261202007000 and 20261203120000; LISTEN/NOTIFY until then, whose notify lock made
every booking's commit wait for the one before), so a warm availability read and a matching
revalidation make no query;
ETags come from the day's version and the period its time-dependent marks hold for (migration
20261202009200); \`get_availability\` answers a day's stored answer while its version and period
are current and computes it on a miss with one cached plan (migration 20261202120000,
${coldNote(main)}; a hit is one statement, migration 20261202160200); a change of a day
appends a row nobody locks and the day's version is the sum of its changes, so
bookings of one day never wait for each other's commits (migration 20261203100000; before it,
20261202160000 locked the day's version row from the commit-time bump to the end of the commit);
a spin locks only the prize it picked (migration 20261202160100); the recording adapters' messages
of one event-loop turn are written in one call (migration 20261203110000); a booking's statements
are planned once per connection (migration 20261203140000: bump_availability's fold and venue_days
were planned on every booking, about 0.4 ms of create_booking's 2 ms); the security headers'
rules leave Next.js no path parameter, so it no longer compiles the CSP as a template on every
request (lib/config/security-headers.js); rate limits count in Redis when \`REDIS_URL\` is set.

## Summary (${small ? thousands(small.bookings) : '?'} bookings in the table)

${summaryTable(main, m.cores)}

- **HTTP**: autocannon against \`next start\`, the whole path a request takes: routing, caller
  and rate-limit hit (${report.rateLimits === 'redis' ? 'one Redis script per request' : 'a PostgreSQL upsert per request'}), zod validation of input and output,
  the SQL function through the app's database door, JSON, ETag.
- **Machine time per request**: ${m.cores} cores × 1 s ÷ HTTP requests/s, what one request costs
  when every core is busy serving the load (and generating it).
- **SQL alone**: the same work as the app's pg transport sends it (one transaction: \`set_config\`
  of role and JWT claims and the function call in one message, one round trip), with nothing of the app around it:
  ${s.sqlClients === 1 ? 'one connection' : `${s.sqlClients} connections`} calling back to back for ${s.sqlDurationSeconds} s, so its latency is the database's
  service time. The single-slot bursts and the spins run from ${s.pool} connections at once
  instead, because contention is what they measure: their latency includes waiting for locks.
- **Request ÷ SQL p50**: machine time per HTTP request over the SQL call's latency: how many
  times the database's work the whole request costs. The rest is the app: Next.js, the
  rate-limit hit, validation, JSON, and for bookings the inline delivery. Not given where
  the SQL latency is mostly waiting for locks.

Requests and outcomes:

${detailsTable(main)}

## Scenarios

- **Availability of a day**: \`GET /api/availability?date=<tomorrow>\`. Every request comes from
  another client address (\`X-Forwarded-For\`), so the 100-a-minute limit never rejects the
  load while each request still pays for its rate-limit hit, as traffic from many customers
  does. The app answers from its cache of the day while its last check of the kept days'
  versions, sent less than 0.6 s ago, found the day unchanged (nothing booked meanwhile). With **ETag revalidation** every request sends \`If-None-Match\`
  with the current ETag, derived from the day's version and the period its time-dependent marks
  hold for (until the next slot start, start minus the notice, or midnight): 304 without a body
  and without computing the day; a client that gets a 200 (the answer changed) sends its new
  ETag from then on, as a browser does. SQL alone: \`get_availability\` as \`anon\`, what a cache miss
  of the app costs, back to back: warm, the day's answer stored in the database serving every
  call but the first (the target row); cold, the stored answer dropped in the same message so
  each call computes and stores the day, as the first call after a change does (${coldNote(main)}).
- **VIP bookings list**: \`GET /api/vip/bookings?filter=all&limit=10\`, page 1 and the last
  page, for ${MEMBERS} members with ${BOOKINGS_PER_MEMBER} bookings each (signed in with a Bearer session
  token), a warm-up and a timed run as in every scenario. The VIP limit is 60 a minute per
  member, so the rate-limit counters are emptied four times a second during the run: each
  request still counts its hit, and none comes near the limit (runs before 2026-12-04 made
  each member's budget of requests instead, about 1,100 in a second or two, which measured
  mostly the run's ramp-up and drain: 550-600 req/s in runs of 2026-12-04, where 10 s runs held 720-880). SQL alone:
  \`get_my_bookings\` as the member (\`authenticated\`, row level security deciding).
- **Booking creation, spread over free slots**: \`POST /api/bookings/create\`, each request a
  guest booking its own free hour of a bay from the day after tomorrow on (the guest limit
  is 3 an hour per client, so each request comes from another address). Each runs
  validation, the rate-limit hit, \`create_booking\` (bay, price, the exclusion constraint,
  outbox jobs in one transaction) and inline delivery through the recording adapters
  (within \`BOOKING_INLINE_BUDGET_MS\`). SQL alone: \`create_booking\` on the next free slots.
  A booking makes 4 database calls (14 before issue 17's migrations 20261202100000-20261203110000):
  the rate limit (Redis here), \`create_booking\` (which also issues the answer's and the
  confirmation email's manage links, claims the three jobs for the inline attempt by the
  booking's own index and answers the venue brand their messages use), the recording
  adapters' records (the three messages in one call, committed without waiting for the disk), and \`record_outbox_outcomes\`
  (the three outcomes in one statement, answering \`confirmationSent\` and \`calendarEventId\`),
  all four in a row. Bookings of one day append their day's change to a table nobody locks
  (migration 20261203100000; before, they queued on the day's version row, from the insert to
  the commit until 20261202160000 and during the commit until 20261203100000), and nothing
  announces the change (a NOTIFY held PostgreSQL's one notify lock from each booking's commit to
  the end of its disk flush until 20261203120000). Before: a claim, a manage link per message, a brand read per message, an
  outcome per job and a delivery-status read of their own, 9 durable commits.
- **Booking creation, burst on a single slot**: ${s.burstSize} requests for the same bay and hour,
  ${s.connections} in flight at once, then the next slot. One request per slot may win, the rest
  must get 409 \`SLOT_UNAVAILABLE\`. SQL alone: the same bursts from ${s.pool} connections.
- **Lucky-draw spins**: a campaign of ${thousands(s.prizes)} prizes (the seed's mix, scaled) and
  ${thousands(s.customers)} linked LINE customers with one draw each, so the last spins must be told the
  prizes are gone. SQL alone: every customer's \`spin_lucky_draw\` from ${s.pool} connections.
  HTTP: a second such campaign, \`POST /api/liff/spin\` once per customer with their own LINE
  ID token (HS256), so each request verifies a token, counts a rate-limit hit and spins.
  A spin locks only the prize it picked, by its decrement, which holds only while the prize is
  in stock: spins that pick different prizes run side by side, spins of one prize queue, and
  none can over-award (migration 20261202160100; before, every spin locked all of the
  campaign's prize rows until its commit).

Invariants, checked in the database after each run: **double bookings** are live bookings
overlapping another live booking of the same bay; **over-awards** are awards past a prize's
stock, prizes whose award count differs from \`initial_quantity - remaining\`, and
entitlements whose \`draws_used\` differs from their spins. Either above 0 makes
\`npm run bench\` exit with status 2.

## Scale: ${small ? thousands(small.bookings) : '?'} and ${large ? thousands(large.bookings) : '?'} bookings

${report.scale.length ? scaleTable(report.scale) : '_Not measured in this run._'}

The latency at the large size must stay within ${SCALE_LIMIT}× of the small one; a measurement
over it is marked **no** here and in the run's output. SQL alone is measured at both sizes
side by side (one connection, short rounds on each data set in turn, both servers up), so
a change in the machine's other load weighs on both alike (by then the small table also
holds the bookings the creation scenarios made: ${report.scaleBookings.map(thousands).join(' and ')} rows); HTTP p50
comes from each size's own ${s.connections}-connection run and is noisier.

The data sets (\`bench/lib/dataset.ts\`): a fresh embedded PostgreSQL each, migrated and
seeded as the app does it, then bookings inserted set-based (\`generate_series\`) as the
superuser, with the exclusion constraint and every index in place as in production. Each
hourly slot of each bay, going back day by day from yesterday, holds one completed booking
and two cancelled ones (the constraint binds live bookings only):
${report.datasets.map((d) => `${thousands(d.bookings)} bookings reach back ${d.historyYears < 1 ? `${Math.round(d.historyYears * 365.25)} days` : `${d.historyYears} years`}`).join(', ')}. The ${MEMBERS} members own ${BOOKINGS_PER_MEMBER} bookings each, spread
over the whole history, half through their profile and all through their linked customer
record. Tomorrow, the measured day, holds the seed's demo bookings at both sizes.

What the comparison found: the policy that lets a member read their bookings tested
\`customer_id in (select …)\` inside an OR, which PostgreSQL can only run as a subplan
checked against every row: each VIP bookings list was a sequential scan of the whole table
(about 0.5 s per call at 1,000,000 bookings). Migration
\`20261125001800_member_bookings_policy_indexed.sql\` compares with a scalar subquery
instead (the linked customer is one value at most). Since issue 17 the list reads the
member's owner indexes (\`bookings_profile_idx\`, \`bookings_customer_idx\`, which cover what it
filters and orders by) by index-only scans in the list's order, only as far as the page's
end, merged without a sort (\`Merge Append\` below), and counts them in an index-only pass.
Availability computes a day (on a miss of its stored answer) from one range scan of the
exclusion constraint's GiST index on the day's time range, whatever the size of the history.

### Query plans

EXPLAIN (ANALYZE, BUFFERS) of the statements each function runs, as it runs them
(\`auto_explain\` with nested statements, second call on a connection).

${planSections(report.plans)}
`;
  await writeFile(file, text + (await keptSections(file)));
}

/** Sections of the file marked as written by hand (KEEP_MARK under their heading) survive a new report. */
const KEEP_MARK = '<!-- Not written by bench/run.ts';
async function keptSections(file: string): Promise<string> {
  const old = await readFile(file, 'utf8').catch(() => '');
  const mark = old.indexOf(KEEP_MARK);
  if (mark < 0) return '';
  const heading = old.lastIndexOf('\n## ', mark);
  return heading < 0 ? '' : old.slice(heading);
}
