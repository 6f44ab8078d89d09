import { readEnv, type EnvSource } from '../config/env';
import { type Caller } from './caller';
import { DbError } from './errors';
import type { ChannelListener, Subscription } from './notifications';
import { sqlFunctions, type SqlArgs, type SqlFunctionName, type SqlResult } from './functions';
import { createPgTransport, type Transport } from './pg-transport';
import { createSupabaseTransport } from './supabase-transport';
import { retryingAbortedTransactions } from './transaction-retry';

export { anonCaller, memberCaller, serviceCaller, staffCaller, type Caller } from './caller';
export { DbError } from './errors';

export type DatabaseMode = 'embedded' | 'postgres' | 'supabase';

/** Which transport the environment selects: DATABASE_URL, else Supabase, else the embedded server. */
export function databaseMode(env: EnvSource = process.env): DatabaseMode {
  if (readEnv('DATABASE_URL', env)) return 'postgres';
  const url = readEnv('SUPABASE_URL', env);
  const serviceRoleKey = readEnv('SUPABASE_SERVICE_ROLE_KEY', env);
  if (url || serviceRoleKey) {
    if (!url || !serviceRoleKey) {
      throw new Error('Set both SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY to use Supabase');
    }
    return 'supabase';
  }
  return 'embedded';
}

interface DbState {
  transport: Promise<Transport>;
  mode: DatabaseMode;
  /** One subscription per channel and transport (null: the transport has no notices). */
  subscriptions: Map<string, Subscription | null>;
}

// Kept on globalThis so Next's dev-mode module reloads reuse one pool and one server.
const globalForDb = globalThis as typeof globalThis & { __golfDb?: DbState };

async function openTransport(mode: DatabaseMode): Promise<Transport> {
  return retryingAbortedTransactions(await openPlainTransport(mode));
}

async function openPlainTransport(mode: DatabaseMode): Promise<Transport> {
  if (mode === 'postgres') return createPgTransport(readEnv('DATABASE_URL')!);
  if (mode === 'supabase') {
    return createSupabaseTransport({
      url: readEnv('SUPABASE_URL')!,
      serviceRoleKey: readEnv('SUPABASE_SERVICE_ROLE_KEY')!,
      jwtSecret: readEnv('SUPABASE_JWT_SECRET'),
      anonKey: readEnv('SUPABASE_ANON_KEY'),
    });
  }
  const { startEmbeddedServer } = await import('./embedded');
  const server = await startEmbeddedServer();
  return createPgTransport(server.connectionString);
}

function state(): DbState {
  if (!globalForDb.__golfDb) {
    const mode = databaseMode();
    const transport = openTransport(mode);
    // A failed start is retried by the next call rather than cached forever.
    transport.catch(() => {
      if (globalForDb.__golfDb?.transport === transport) globalForDb.__golfDb = undefined;
    });
    globalForDb.__golfDb = { mode, transport, subscriptions: new Map() };
  }
  return globalForDb.__golfDb;
}

/**
 * The one door to the database: calls SQL function `name` in schema public with `args`,
 * as `caller`, and returns its parsed result. Errors raised by the function surface as
 * DbError with the HTTP status PostgREST would give them.
 */
export async function rpc<N extends SqlFunctionName>(name: N, args: SqlArgs<N>, caller: Caller): Promise<SqlResult<N>> {
  const declaration = sqlFunctions[name];
  const parsedArgs = declaration.args.parse(args) as Record<string, unknown>;
  const current = state();
  let raw: unknown;
  try {
    raw = await (await current.transport).call(name, parsedArgs, caller);
  } catch (error) {
    // The embedded server may have been stopped by the process that owned it: start it here.
    if (current.mode === 'embedded' && error instanceof DbError && ['PGRST000', '57P01'].includes(error.code)) {
      await closeDatabase();
      raw = await (await state().transport).call(name, parsedArgs, caller);
    } else {
      throw error;
    }
  }
  const parsed = declaration.result.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Result of ${name} does not match its declaration: ${parsed.error.message}`);
  }
  return parsed.data as SqlResult<N>;
}

/**
 * Notices the database sends on `channel` (LISTEN/NOTIFY on the pg transports), to `listener`;
 * null on the Supabase transport. Opened once per channel and transport: a transport opened
 * anew (the embedded server restarted, closeDatabase) subscribes `listener` again, which
 * starts with its reset().
 */
export async function databaseNotices(channel: string, listener: ChannelListener): Promise<Subscription | null> {
  const current = state();
  const transport = await current.transport;
  if (!current.subscriptions.has(channel)) current.subscriptions.set(channel, transport.listen?.(channel, listener) ?? null);
  return current.subscriptions.get(channel)!;
}

/** Closes the pool (tests, scripts and shutdown). */
export async function closeDatabase(): Promise<void> {
  const current = globalForDb.__golfDb;
  globalForDb.__golfDb = undefined;
  if (current) await (await current.transport.catch(() => null))?.end();
}
