import pg from 'pg';
import { afterAll } from 'vitest';

/**
 * Direct SQL on the test file's database as its owner, for fixtures and for attacking
 * the database as a PostgREST client would. Never used by the app.
 */
let pool: pg.Pool | undefined;

function currentPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
    // The file's database is dropped at the end; idle clients then see their connection end.
    pool.on('error', () => undefined);
  }
  return pool;
}

export async function sql<Row extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> {
  return (await currentPool().query<Row>(text, params)).rows;
}

/** Runs `text` in a transaction as `role` with JWT claims, as PostgREST would for a REST call. */
export async function sqlAs<Row extends pg.QueryResultRow = Record<string, unknown>>(
  role: 'anon' | 'authenticated' | 'service_role',
  claims: Record<string, unknown>,
  text: string,
  params: unknown[] = [],
): Promise<Row[]> {
  const client = await currentPool().connect();
  try {
    await client.query('begin');
    await client.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [role, JSON.stringify(claims)]);
    const { rows } = await client.query<Row>(text, params);
    await client.query('commit');
    return rows;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

afterAll(async () => {
  await pool?.end();
  pool = undefined;
});
