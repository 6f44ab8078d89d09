/**
 * get_availability alone, for docs/PERFORMANCE.md ("get_availability rewrite"): a fresh
 * embedded PostgreSQL with `bookings` rows of history (bench/lib/dataset.ts; default 10,000),
 * then for tomorrow (the seed's demo bookings) the plans of the function's statements as it runs
 * them (auto_explain: nested statements, ANALYZE, BUFFERS; second call on the connection) and
 * its latency as anon (one connection, round trip included), each twice: warm (the day's answer
 * stored, migration 20261202120000: the calls that follow a first one) and cold (the stored
 * answer dropped by an untimed statement before each call: the first call after a change). With
 * SQL files that define other versions (bench/get-availability-before.sql's
 * public.get_availability_before(date), or a migration's public.get_availability(date), e.g.
 * supabase/migrations/20261202009200_availability_periods.sql, the version computed on every
 * call), those are explained and timed too, in alternating rounds, so the machine's other load
 * weighs on all alike. select 1 with the same caller settings is timed alongside: the round
 * trip's floor.
 *
 *   npx tsx bench/explain-availability.ts [bookings] [other.sql ...]
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { buildDataset } from './lib/dataset';

const ROUNDS = 10;
const CALLS_PER_ROUND = 100;

const callOf = (fn: string, date: string) => `begin; set local role anon; select public.${fn}($$${date}$$::date); commit`;
/** Runs before a cold call (as the owner, untimed): the day's stored answer is gone. */
const dropStored = (date: string) => `delete from app_private.availability_answers where day = $$${date}$$::date`;

interface Variant {
  name: string;
  fn: string;
  cold: boolean;
}

async function explain(connectionString: string, variant: Variant, date: string): Promise<string> {
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
    await client.query(callOf(variant.fn, date));
    if (variant.cold) await client.query(dropStored(date));
    plans.length = 0;
    await client.query(callOf(variant.fn, date));
  } finally {
    await client.end();
  }
  // The function's own statements (those reading a table); the top-level `select` and the
  // one-line helpers' statements are left out.
  return plans
    .filter((plan) => /bookings|availability_answers|availability_versions/.test(plan) && !plan.includes(`select public.${variant.fn}(`))
    .map((plan) => plan.replace(/Query Text:[\s\S]*?\n(?=Result|Aggregate|Sort|Hash|Nested|Index|Insert|Limit)/, ''))
    .join('\n\n');
}

/**
 * The other version a file defines: public.get_availability_<name>(date) as it stands, or a
 * migration's public.get_availability(date), renamed get_availability_<its timestamp>.
 */
function otherVersion(file: string, text: string): { fn: string; text: string } {
  const version = /(\d{14})_[^/]*\.sql$/.exec(file)?.[1];
  const named = /create or replace function public\.(get_availability_\w+)\(p_date date\)/.exec(text)?.[1];
  if (!version && named) return { fn: named, text };
  const definition = /create (?:or replace )?function public\.get_availability\(p_date date\)[\s\S]*?\n\$\$;/.exec(text)?.[0];
  if (!definition || !version) throw new Error(`${file} defines neither public.get_availability_<name>(date) nor, as a migration, public.get_availability(date)`);
  const fn = `get_availability_${version}`;
  return {
    fn,
    text: `${definition.replace(/create (?:or replace )?function public\.get_availability\(/, `create or replace function public.${fn}(`)}
           grant execute on function public.${fn}(date) to anon;`,
  };
}

async function main() {
  const bookings = Number(process.argv[2] ?? 10_000);
  const otherFiles = process.argv.slice(3);
  const dataset = await buildDataset('explain-availability', bookings);
  const variants: Variant[] = [
    { name: 'get_availability (warm: the stored answer)', fn: 'get_availability', cold: false },
    { name: 'get_availability (cold: computed and stored)', fn: 'get_availability', cold: true },
  ];
  const client = new pg.Client({ connectionString: dataset.connectionString });
  await client.connect();
  try {
    for (const file of otherFiles) {
      const { fn, text } = otherVersion(file, await readFile(file, 'utf8'));
      await client.query(text);
      variants.unshift({ name: `${fn} (${file})`, fn, cold: false });
    }
    const [{ date }] = (await client.query<{ date: string }>(`select (app_private.venue_now()::date + 1)::text as date`)).rows as [{ date: string }];
    console.log(`${dataset.bookings} bookings, PostgreSQL ${dataset.postgresVersion}, date ${date}, load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}\n`);
    for (const variant of variants) console.log(`-- ${variant.name}\n${await explain(dataset.connectionString, variant, date)}\n`);

    const floor = 'select 1 (the round trip)';
    const times: Record<string, number[]> = Object.fromEntries([floor, ...variants.map((v) => v.name)].map((name) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < CALLS_PER_ROUND; i++) {
        const started = performance.now();
        await client.query('begin; set local role anon; select 1; commit');
        times[floor]!.push(performance.now() - started);
      }
      for (const variant of variants) {
        for (let i = 0; i < CALLS_PER_ROUND; i++) {
          if (variant.cold) await client.query(dropStored(date));
          const started = performance.now();
          await client.query(callOf(variant.fn, date));
          times[variant.name]!.push(performance.now() - started);
        }
      }
    }
    for (const [name, samples] of Object.entries(times)) {
      const sorted = samples.sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.floor(sorted.length * q)]!.toFixed(3);
      console.log(`${name}: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms over ${sorted.length} calls`);
    }
  } finally {
    await client.end();
    await dataset.stop();
  }
}

void main();
