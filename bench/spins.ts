/**
 * npm run bench:spins  (the HTTP part after `npm run build`)
 *
 * Lucky draw spins under concurrency, and the over-award count (must be 0).
 * 1. SQL alone: a fresh embedded PostgreSQL (migrated, seeded), a campaign of PRIZES prizes
 *    and CUSTOMERS linked LINE customers with one draw each, all spinning at once through
 *    a pool of POOL connections calling spin_lucky_draw as service_role.
 * 2. HTTP (when a production build exists): a second campaign and as many customers, then
 *    `next start` on the same database and autocannon POSTs /api/liff/spin with CONNECTIONS
 *    connections, each request a different customer with its own LINE ID token (HS256).
 * After each part the database is asked for prizes awarded past their stock, draws spent
 * twice and awards without a spin: the counts must be 0.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pg from 'pg';
import { startEmbeddedServer } from '../lib/db/embedded';
import { startBenchServer } from './next-server';

const PORT = Number(process.env.BENCH_PORT || 3200);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);
const POOL = Number(process.env.BENCH_POOL || 20);
const PRIZES = Number(process.env.BENCH_PRIZES || 1000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS || 1300);
const DATA_DIR = path.resolve('.data/bench-spins');
const CHANNEL_ID = '1650000000';
const CHANNEL_SECRET = 'bench-only-line-channel-secret-0123456789';
// The seed's prize mix, scaled to PRIZES.
const MIX: Array<[string, number]> = [['Golf Hat', 40], ['Golf Marker', 35], ['Golf Balls', 50], ['Golf Towel', 30], ['Free Bay Hour', 25], ['Drink Voucher', 28]];

async function prepareCampaign(client: pg.Client, label: string): Promise<{ campaignId: string; customers: Array<{ customerId: string; lineUserId: string }> }> {
  await client.query(`update public.lucky_draw_campaigns set ends_at = greatest(now(), starts_at + interval '1 millisecond') where ends_at > now()`);
  const { rows: [campaign] } = await client.query<{ id: string }>(
    `insert into public.lucky_draw_campaigns (name, starts_at, ends_at) values ($1, clock_timestamp() - interval '1 second', now() + interval '1 day') returning id`,
    [`Bench ${label}`],
  );
  const weight = MIX.reduce((sum, [, n]) => sum + n, 0);
  let left = PRIZES;
  for (const [index, [name, n]] of MIX.entries()) {
    const quantity = index === MIX.length - 1 ? left : Math.floor((PRIZES * n) / weight);
    left -= quantity;
    await client.query(
      'insert into public.lucky_draw_prizes (campaign_id, name, initial_quantity, remaining) values ($1, $2, $3, $3)',
      [campaign!.id, name, quantity],
    );
  }
  const { rows } = await client.query<{ customer_id: string; line_user_id: string }>(
    `with c as (
       insert into public.customers (customer_code, name)
       select 'CUS-' || $1::text || lpad(n::text, 6, '0'), 'Bench ' || n from generate_series(1, $2::int) n returning id
     ), p as (
       insert into public.profiles (provider, provider_account_id, display_name, customer_id)
       select 'line', 'U' || md5(c.id::text), 'Bench', c.id from c returning customer_id, provider_account_id
     )
     select customer_id, provider_account_id as line_user_id from p`,
    [label === 'sql' ? '1' : '2', CUSTOMERS],
  );
  await client.query(
    `select public.record_sales_transaction('BENCH-' || p.provider_account_id, p.customer_id, 800)
     from public.profiles p where p.customer_id = any($1::uuid[])`,
    [rows.map((row) => row.customer_id)],
  );
  return { campaignId: campaign!.id, customers: rows.map((row) => ({ customerId: row.customer_id, lineUserId: row.line_user_id })) };
}

/** Prizes awarded past their stock, draws spent past those earned, awards per campaign. */
async function integrity(client: pg.Client, campaignId: string) {
  const { rows: [row] } = await client.query<{ awarded: number; stock: number; remaining: number; over_awarded_prizes: number; over_spent: number; spins: number }>(
    `select (select count(*)::int from public.lucky_draw_awards a join public.lucky_draw_prizes p on p.id = a.prize_id where p.campaign_id = $1) as awarded,
            (select sum(initial_quantity)::int from public.lucky_draw_prizes where campaign_id = $1) as stock,
            (select sum(remaining)::int from public.lucky_draw_prizes where campaign_id = $1) as remaining,
            (select count(*)::int from public.lucky_draw_prizes p
               cross join lateral (select count(*) as n from public.lucky_draw_awards a where a.prize_id = p.id) awards
               where p.campaign_id = $1 and (awards.n > p.initial_quantity or awards.n <> p.initial_quantity - p.remaining)) as over_awarded_prizes,
            (select count(*)::int from public.lucky_draw_entitlements e where e.campaign_id = $1
               and (e.draws_used > e.draws_earned
                    or e.draws_used <> (select count(*) from public.lucky_draw_spins s where s.customer_id = e.customer_id and s.campaign_id = $1))) as over_spent,
            (select count(*)::int from public.lucky_draw_spins where campaign_id = $1) as spins`,
    [campaignId],
  );
  return { ...row!, overAward: Math.max(0, row!.awarded - row!.stock) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

async function main() {
  await rm(DATA_DIR, { recursive: true, force: true });
  let embedded = await startEmbeddedServer(DATA_DIR, () => undefined);
  let client = new pg.Client({ connectionString: embedded.connectionString });
  await client.connect();

  // 1. SQL alone.
  const sqlCampaign = await prepareCampaign(client, 'sql');
  const pool = new pg.Pool({ connectionString: embedded.connectionString, max: POOL });
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  const started = performance.now();
  await Promise.all(
    sqlCampaign.customers.map(async ({ customerId, lineUserId }) => {
      const db = await pool.connect();
      const t0 = performance.now();
      try {
        await db.query('begin');
        await db.query(`set local role service_role`);
        await db.query('select public.spin_lucky_draw($1, $2)', [customerId, lineUserId]);
        await db.query('commit');
        outcomes.won = (outcomes.won ?? 0) + 1;
      } catch (error) {
        await db.query('rollback');
        const message = (error as Error).message;
        outcomes[message] = (outcomes[message] ?? 0) + 1;
      } finally {
        latencies.push(performance.now() - t0);
        db.release();
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  const sqlReport = {
    spins: sqlCampaign.customers.length,
    prizes: PRIZES,
    poolConnections: POOL,
    spinsPerSecond: Math.round(sqlCampaign.customers.length / elapsed),
    latencyMs: { p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)) },
    outcomes,
    database: await integrity(client, sqlCampaign.campaignId),
  };

  // 2. HTTP, when built.
  let httpReport: unknown = 'skipped: no production build (run `npm run build` first)';
  if (existsSync(path.resolve('.next/BUILD_ID'))) {
    const httpCampaign = await prepareCampaign(client, 'http');
    await client.end();
    await embedded.stop();
    const secret = new TextEncoder().encode(CHANNEL_SECRET);
    const bodies = await Promise.all(
      httpCampaign.customers.map(async ({ customerId, lineUserId }) => ({
        body: JSON.stringify({ customerId, lineUserId }),
        token: await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(lineUserId).setIssuer('https://access.line.me')
          .setAudience(CHANNEL_ID).setIssuedAt().setExpirationTime('1h').sign(secret),
      })),
    );
    const server = await startBenchServer(DATA_DIR, PORT, {
      OUTBOX_TIMER_SECONDS: '0',
      LINE_LIFF_CHANNEL_ID: CHANNEL_ID,
      LINE_LIFF_CHANNEL_SECRET: CHANNEL_SECRET,
    }, false);
    const statuses: Record<string, number> = {};
    let n = 0;
    try {
      const result = await autocannon({
        url: `${server.baseUrl}/api/liff/spin`,
        method: 'POST',
        connections: CONNECTIONS,
        amount: bodies.length,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request) => {
              const next = bodies[n++ % bodies.length]!;
              return { ...request, body: next.body, headers: { ...request.headers, authorization: `Bearer ${next.token}` } };
            },
            onResponse: (status) => {
              statuses[status] = (statuses[status] ?? 0) + 1;
            },
          },
        ],
      });
      httpReport = {
        requests: result.requests.total,
        requestsPerSecond: result.requests.average,
        latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
        statuses,
        errors: result.errors,
        timeouts: result.timeouts,
      };
    } finally {
      await server.stop();
    }
    embedded = await startEmbeddedServer(DATA_DIR, () => undefined);
    client = new pg.Client({ connectionString: embedded.connectionString });
    await client.connect();
    httpReport = { ...(httpReport as object), prizes: PRIZES, connections: CONNECTIONS, database: await integrity(client, httpCampaign.campaignId) };
  }
  await client.end();
  await embedded.stop();

  const report = { takenAt: new Date().toISOString(), node: process.version, sql: sqlReport, http: httpReport };
  console.log(JSON.stringify(report, null, 2));
  await mkdir('bench/results', { recursive: true });
  await writeFile(`bench/results/spins-${report.takenAt.slice(0, 10)}.json`, `${JSON.stringify(report, null, 2)}\n`);
  const bad = [sqlReport.database, (httpReport as { database?: typeof sqlReport.database }).database]
    .filter((db): db is typeof sqlReport.database => Boolean(db))
    .some((db) => db.overAward !== 0 || db.over_awarded_prizes !== 0 || db.over_spent !== 0);
  if (bad) process.exit(2);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
