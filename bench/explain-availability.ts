/**
 * get_availability alone, for docs/PERFORMANCE.md ("get_availability rewrite"): a fresh
 * embedded PostgreSQL with `bookings` rows of history (bench/lib/dataset.ts; default 10,000),
 * then for tomorrow (the seed's demo bookings) the plan of the function's statement as it runs
 * it (auto_explain: nested statements, ANALYZE, BUFFERS; second call on the connection) and its
 * latency as anon (one connection, round trip included). With a SQL file that defines another
 * version as public.get_availability_before(date), both are explained and timed in alternating
 * rounds, so the machine's other load weighs on both alike.
 *
 *   npx tsx bench/explain-availability.ts [bookings] [before.sql]
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { buildDataset } from './lib/dataset';

const ROUNDS = 10;
const CALLS_PER_ROUND = 100;

const callOf = (fn: string, date: string) => `begin; set local role anon; select public.${fn}($$${date}$$::date); commit`;

async function explain(connectionString: string, fn: string, date: string): Promise<string> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const plans: string[] = [];
  client.on('notice', (notice) => {
    if (notice.message?.includes('duration:')) plans.push(notice.message.trim());
  });
  try {
    await client.query(`load 'auto_explain'`);
    await client.query(`set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on;
                        set auto_explain.log_timing = on; set auto_explain.log_nested_statements = on; set client_min_messages = log`);
    await client.query(callOf(fn, date));
    plans.length = 0;
    await client.query(callOf(fn, date));
  } finally {
    await client.end();
  }
  // The function's own statement reads bookings; the top-level `select` is left out.
  return plans.filter((plan) => plan.includes('bookings')).map((plan) => plan.replace(/Query Text:[\s\S]*?\n(?=Result|Aggregate|Sort|Hash|Nested)/, '')).join('\n\n');
}

async function main() {
  const bookings = Number(process.argv[2] ?? 10_000);
  const beforeFile = process.argv[3];
  const dataset = await buildDataset('explain-availability', bookings);
  const functions = ['get_availability'];
  const client = new pg.Client({ connectionString: dataset.connectionString });
  await client.connect();
  try {
    if (beforeFile) {
      await client.query(await readFile(beforeFile, 'utf8'));
      functions.unshift('get_availability_before');
    }
    const [{ date }] = (await client.query<{ date: string }>(`select (app_private.venue_now()::date + 1)::text as date`)).rows as [{ date: string }];
    console.log(`${dataset.bookings} bookings, PostgreSQL ${dataset.postgresVersion}, date ${date}, load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}\n`);
    for (const fn of functions) console.log(`-- ${fn}\n${await explain(dataset.connectionString, fn, date)}\n`);

    const times: Record<string, number[]> = Object.fromEntries(functions.map((fn) => [fn, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const fn of functions) {
        for (let i = 0; i < CALLS_PER_ROUND; i++) {
          const started = performance.now();
          await client.query(callOf(fn, date));
          times[fn]!.push(performance.now() - started);
        }
      }
    }
    for (const fn of functions) {
      const sorted = times[fn]!.sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.floor(sorted.length * q)]!.toFixed(3);
      console.log(`${fn}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms over ${sorted.length} calls`);
    }
  } finally {
    await client.end();
    await dataset.stop();
  }
}

void main();
