import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClientBase } from 'pg';

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
}

export const defaultMigrationsDir = () => path.join(process.cwd(), 'supabase', 'migrations');
export const defaultSeedFile = () => path.join(process.cwd(), 'supabase', 'seed.sql');

/** The migration files, in the Supabase CLI layout `<version>_<name>.sql`, oldest first. */
export async function listMigrationFiles(dir = defaultMigrationsDir()): Promise<MigrationFile[]> {
  const entries = await readdir(dir);
  return entries
    .map((entry) => /^([0-9]+)_(.+)\.sql$/.exec(entry))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ version: match[1]!, name: match[2]!, file: path.join(dir, match[0]) }))
    .sort((a, b) => a.version.localeCompare(b.version));
}

// Where the Supabase CLI records applied migrations, so `supabase db push` and this runner agree.
const historyTable = `
  create schema if not exists supabase_migrations;
  create table if not exists supabase_migrations.schema_migrations (
    version text primary key,
    statements text[],
    name text
  );`;

/**
 * Applies the migrations the database has not recorded yet, each in its own transaction,
 * under an advisory lock so that two processes starting at once do not both apply them.
 * Returns the versions it applied.
 */
export async function applyMigrations(client: ClientBase, dir = defaultMigrationsDir()): Promise<string[]> {
  const files = await listMigrationFiles(dir);
  await client.query(`select pg_advisory_lock(hashtext('supabase_migrations'))`);
  try {
    await client.query(historyTable);
    const { rows } = await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    const applied: string[] = [];
    for (const migration of files) {
      if (done.has(migration.version)) continue;
      const sql = await readFile(migration.file, 'utf8');
      await client.query('begin');
      try {
        await client.query(sql);
        await client.query(
          'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
          [migration.version, migration.name, [sql]],
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`Migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      applied.push(migration.version);
    }
    return applied;
  } finally {
    await client.query(`select pg_advisory_unlock(hashtext('supabase_migrations'))`);
  }
}

/** Runs supabase/seed.sql in one transaction. */
export async function applySeed(client: ClientBase, file = defaultSeedFile()): Promise<void> {
  const sql = await readFile(file, 'utf8');
  await client.query('begin');
  try {
    await client.query(sql);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw new Error(`Seed failed: ${(error as Error).message}`, { cause: error });
  }
}
