import pg from 'pg';
import { claimsOf, type Caller } from './caller';
import { DbError, httpStatusOfSqlState } from './errors';

export interface Transport {
  call(name: string, args: Record<string, unknown>, caller: Caller): Promise<unknown>;
  end(): Promise<void>;
}

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * Calls a function in schema `public` the way PostgREST does for `POST /rpc/<name>`: in one
 * transaction, as the caller's role with the caller's JWT claims, with named arguments.
 * Statements are unnamed, so it works through Supabase's transaction pooler too.
 */
export function createPgTransport(connectionString: string, poolSize = Number(process.env.DB_POOL_SIZE || 10)): Transport {
  const pool = new pg.Pool({ connectionString, max: poolSize, idleTimeoutMillis: 30_000 });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', (error) => console.error('database pool error:', error.message));

  return {
    async call(name, args, caller) {
      if (!identifier.test(name)) throw new Error(`Not a function name: ${name}`);
      const names = Object.keys(args).filter((key) => args[key] !== undefined);
      for (const key of names) if (!identifier.test(key)) throw new Error(`Not an argument name: ${key}`);
      const values = names.map((key) => toParameter(args[key]));
      const argList = names.map((key, index) => `${pg.escapeIdentifier(key)} => $${index + 1}`).join(', ');
      const sql = `select public.${pg.escapeIdentifier(name)}(${argList}) as result`;

      const client = await pool.connect().catch((error: unknown) => {
        throw toDbError(error, caller);
      });
      let broken = false;
      try {
        await client.query('begin');
        await client.query(
          `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
                  set_config('statement_timeout', $3, true)`,
          [caller.role, JSON.stringify(claimsOf(caller)), process.env.DB_STATEMENT_TIMEOUT || '8s'],
        );
        const { rows } = await client.query<{ result: unknown }>(sql, values);
        await client.query('commit');
        return rows[0]?.result ?? null;
      } catch (error) {
        await client.query('rollback').catch(() => {
          broken = true;
        });
        throw toDbError(error, caller);
      } finally {
        client.release(broken);
      }
    },
    end: () => pool.end(),
  };
}

// JSON-typed arguments go over the wire as JSON text; scalars as they are.
function toParameter(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return JSON.stringify(value);
}

function toDbError(error: unknown, caller: Caller): unknown {
  const pgError = error as Partial<pg.DatabaseError>;
  if (typeof pgError.code === 'string' && /^[0-9A-Z]{5}$/.test(pgError.code)) {
    return new DbError(
      httpStatusOfSqlState(pgError.code, caller.role === 'anon'),
      pgError.code,
      pgError.message ?? 'Database error',
      pgError.detail ?? null,
      pgError.hint ?? null,
    );
  }
  // Connection failures and the like: the database is unavailable.
  return new DbError(503, 'PGRST000', (error as Error).message ?? 'Database unavailable');
}
