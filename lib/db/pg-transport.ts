import pg from 'pg';
import { readEnv } from '../config/env';
import { claimsOf, type Caller } from './caller';
import { DbError, httpStatusOfSqlState } from './errors';
import { listen, type ChannelListener, type Subscription } from './notifications';

export interface Transport {
  call(name: string, args: Record<string, unknown>, caller: Caller): Promise<unknown>;
  end(): Promise<void>;
  /** NOTIFY payloads of a channel (the pg transports; PostgREST has none). Ended with the transport. */
  listen?(channel: string, listener: ChannelListener): Subscription;
}

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * Calls a function in schema `public` the way PostgREST does for `POST /rpc/<name>`: in one
 * transaction, as the caller's role with the caller's JWT claims, with named arguments.
 * Statements are unnamed, so it works through Supabase's transaction pooler too.
 */
export function createPgTransport(connectionString: string, poolSize = readEnv('DB_POOL_SIZE')): Transport {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    // A server that does not answer (frozen, or a network that drops packets) fails the call
    // with 503 within these bounds instead of holding the request: connecting (or waiting
    // for a free connection), and each query, measured by the client.
    connectionTimeoutMillis: readEnv('DB_CONNECT_TIMEOUT_MS'),
    query_timeout: readEnv('DB_QUERY_TIMEOUT_MS'),
  });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', (error) => console.error('database pool error:', error.message));

  const subscriptions: Subscription[] = [];
  return {
    async call(name, args, caller) {
      const { sql, values } = functionCall(name, args);
      return transaction(sql, values, caller);
    },
    async end() {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.close()));
      await pool.end();
    },
    listen(channel, listener) {
      const settings = { connectionString, connectTimeoutMs: readEnv('DB_CONNECT_TIMEOUT_MS'), queryTimeoutMs: readEnv('DB_QUERY_TIMEOUT_MS') };
      const subscription = listen(settings, channel, listener);
      subscriptions.push(subscription);
      return subscription;
    },
  };

  async function transaction(sql: string, values: unknown[], caller: Caller): Promise<unknown> {
    if (values.some((value) => typeof value === 'string' && value.includes('\0'))) {
      // A literal cannot carry NUL (the message would end there); as a parameter PostgreSQL refuses it with this error too.
      throw new DbError(400, '22021', 'invalid byte sequence for encoding "UTF8": 0x00');
    }
    // Whatever stops a connection (refused, timed out, shutting down, wrong password, no such
    // database) is the server being unavailable to the app, never the client's fault: 503.
    const client = await pool.connect().catch((error: unknown) => {
      const code = error instanceof pg.DatabaseError && error.code ? error.code : 'PGRST000';
      throw new DbError(503, code, (error as Error).message || 'Database unavailable');
    });
    // The pool listens for errors of idle clients only; a connection that ends while this
    // call holds it (the server shutting down) emits 'error', which unheard would end the process.
    let broken = false;
    const onConnectionError = () => {
      broken = true;
    };
    client.on('error', onConnectionError);
    try {
      // One round trip: the statements PostgREST runs go in one simple-protocol message.
      return resultOf(await client.query(oneRoundTrip(sql, values, caller)));
    } catch (error) {
      // An error the server sent has already rolled the message's transaction back (the
      // connection is idle and reusable); after a lost connection or a client-side timeout
      // it is discarded.
      if (!(error instanceof pg.DatabaseError)) broken = true;
      throw toDbError(error, caller);
    } finally {
      client.removeListener('error', onConnectionError);
      client.release(broken);
    }
  }
}

/** `select public.<name>(arg => $1, ...)`: the call PostgREST makes for `POST /rpc/<name>`, with named arguments. */
export function functionCall(name: string, args: Record<string, unknown>): { sql: string; values: unknown[] } {
  if (!identifier.test(name)) throw new Error(`Not a function name: ${name}`);
  const names = Object.keys(args).filter((key) => args[key] !== undefined);
  for (const key of names) if (!identifier.test(key)) throw new Error(`Not an argument name: ${key}`);
  const argList = names.map((key, index) => `${pg.escapeIdentifier(key)} => $${index + 1}`).join(', ');
  return { sql: `select public.${pg.escapeIdentifier(name)}(${argList}) as result`, values: names.map((key) => toParameter(args[key])) };
}

/**
 * The caller's role and JWT claims, and the statement timeout, set for the transaction only
 * (JIT is off in the functions themselves: migration 20261125001850).
 */
const callerSettings = `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
                set_config('statement_timeout', $3, true)`;
const callerSettingValues = (caller: Caller) => [caller.role, JSON.stringify(claimsOf(caller)), readEnv('DB_STATEMENT_TIMEOUT')];

/**
 * `<caller settings>; <call>` as one text with the values as literals (untyped, as unnamed
 * parameters are, so the function is resolved alike): one round trip. PostgreSQL runs the
 * statements of one simple-protocol message as one transaction (an implicit transaction block:
 * the local settings hold until its end, it commits after the last statement), so role,
 * claims, RLS and timeouts apply as in PostgREST's `begin; ...; commit`, and two statements
 * fewer. On an error the server skips the rest and rolls the transaction back itself: no
 * `rollback` round trip (a refused booking in a burst is answered one round trip sooner).
 */
export function oneRoundTrip(sql: string, values: unknown[], caller: Caller): string {
  const settings = callerSettingValues(caller).map(literal);
  const settingsSql = callerSettings.replace(/\$(\d+)/g, (_, n: string) => settings[Number(n) - 1]!);
  const callSql = sql.replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1]));
  return `${settingsSql}; ${callSql}`;
}

/** The call's result among the results of oneRoundTrip's statements (the settings', then the call's). */
export function resultOf(results: unknown): unknown {
  return (results as pg.QueryResult<{ result: unknown }>[])[1]?.rows[0]?.result ?? null;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return pg.escapeLiteral(value instanceof Date ? value.toISOString() : String(value));
}

// JSON-typed arguments go over the wire as JSON text; scalars as they are.
function toParameter(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return JSON.stringify(value);
}

function toDbError(error: unknown, caller: Caller): unknown {
  // Only the server's errors carry a SQLSTATE; a socket's code (EPIPE, ECONNRESET) is not one.
  if (error instanceof pg.DatabaseError && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code)) {
    return new DbError(
      httpStatusOfSqlState(error.code, caller.role === 'anon'),
      error.code,
      error.message || 'Database error',
      error.detail ?? null,
      error.hint ?? null,
    );
  }
  // Connection failures, lost connections and timeouts: the database is unavailable.
  return new DbError(503, 'PGRST000', (error as Error).message ?? 'Database unavailable');
}
