import pg from 'pg';
import type { Caller } from '../../lib/db/caller';
import { functionCall, oneRoundTrip, resultOf } from '../../lib/db/pg-transport';
import { percentile, round, type Latency } from './stats';

export { anonCaller as anon, serviceCaller as service, memberCaller as member } from '../../lib/db/caller';

/**
 * One call of a SQL function the way the app's pg transport makes it (lib/db/pg-transport.ts,
 * whose statements these are): one transaction, the caller's role and JWT claims set locally,
 * the call with named arguments, in one round trip. This is "the SQL function alone":
 * everything the app adds is left out.
 */
export async function callFunction(client: pg.ClientBase, caller: Caller, name: string, args: Record<string, unknown>): Promise<unknown> {
  const { sql, values } = functionCall(name, args);
  // An error rolls the message's transaction back on the server: the connection stays usable.
  return resultOf(await client.query(oneRoundTrip(sql, values, caller)));
}

export interface SqlRun extends Latency {
  calls: number;
  callsPerSecond: number;
  clients: number;
  /** Calls by outcome: 'ok' or the error's message (e.g. SLOT_UNAVAILABLE). */
  outcomes: Record<string, number>;
}

export type SqlWork = (client: pg.ClientBase, n: number) => Promise<unknown>;

/**
 * Runs `work(client, n)` back to back on `clients` connections, until `durationSeconds` have
 * passed or `total` calls were made; the latency of each call in milliseconds, ascending.
 */
export async function sampleSql(
  connectionString: string,
  options: { clients: number; durationSeconds?: number; total?: number },
  work: SqlWork,
): Promise<{ samples: number[]; outcomes: Record<string, number>; seconds: number }> {
  const clients = await Promise.all(
    Array.from({ length: options.clients }, async () => {
      const client = new pg.Client({ connectionString });
      await client.connect();
      return client;
    }),
  );
  const samples: number[] = [];
  const outcomes: Record<string, number> = {};
  const deadline = options.durationSeconds ? performance.now() + options.durationSeconds * 1000 : Number.POSITIVE_INFINITY;
  const total = options.total ?? Number.POSITIVE_INFINITY;
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline && next < total) {
          const n = next++;
          const t0 = performance.now();
          let outcome = 'ok';
          try {
            await work(client, n);
          } catch (error) {
            outcome = (error as Error).message;
          }
          samples.push(performance.now() - t0);
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
  return { samples: samples.sort((a, b) => a - b), outcomes, seconds: (performance.now() - started) / 1000 };
}

/** sampleSql, summed up: calls per second, p50, p99 and outcomes. */
export async function measureSql(
  connectionString: string,
  options: { clients: number; durationSeconds?: number; total?: number },
  work: SqlWork,
): Promise<SqlRun> {
  const { samples, outcomes, seconds } = await sampleSql(connectionString, options, work);
  return {
    calls: samples.length,
    callsPerSecond: round(samples.length / seconds),
    clients: options.clients,
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    outcomes,
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements a SQL function runs, as it runs them:
 * auto_explain logs the plan of every nested statement and `client_min_messages = log`
 * hands those log lines to this connection, so plpgsql's own (cached) plans are shown.
 */
/**
 * The plans of `name`'s statements that read public.bookings, on a warm connection (the
 * second call). `beforeSecondCall` runs as the connecting (owner) role just before it: e.g.
 * dropping get_availability's stored answers, so the plan shown is the day being computed.
 */
export async function explainFunction(connectionString: string, caller: Caller, name: string, args: Record<string, unknown>, beforeSecondCall?: string): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const plans: string[] = [];
  client.on('notice', (notice) => {
    if (notice.message?.includes('duration:')) plans.push(notice.message.replace(/^duration: [\d.]+ ms\s+plan:\n/, '').trim());
  });
  try {
    await client.query(`load 'auto_explain'`);
    await client.query(`set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on;
                        set auto_explain.log_timing = on; set auto_explain.log_nested_statements = on; set client_min_messages = log`);
    // Twice: the second call shows the plan a warm connection uses (and warm buffers).
    await callFunction(client, caller, name, args);
    if (beforeSecondCall) await client.query(beforeSecondCall);
    plans.length = 0;
    await callFunction(client, caller, name, args);
  } finally {
    await client.end();
  }
  // The last plan is the top-level `select public.fn(...)`; the ones before are its statements.
  return plans.filter((plan) => plan.includes('public.bookings'));
}
