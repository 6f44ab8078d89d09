import pg from 'pg';
import { inject, describe, expect, it } from 'vitest';
import { sqlFunctions } from '@/lib/db/functions';
import { applyMigrations, applySeed, listMigrationFiles } from '@/lib/db/migrations';
import { sql } from '../support/sql';

describe('the SQL functions the code declares', () => {
  it('exist in the migrated database with exactly the declared argument names', async () => {
    const rows = await sql<{ name: string; args: string[] | null }>(
      `select p.proname as name, p.proargnames as args from pg_proc p
       join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public'`,
    );
    const byName = new Map(rows.map((row) => [row.name, (row.args ?? []).filter(Boolean)]));
    for (const [name, declaration] of Object.entries(sqlFunctions)) {
      expect(byName.has(name), `function public.${name} is declared in lib/db/functions.ts but no migration defines it`).toBe(true);
      expect(byName.get(name)!.sort(), name).toEqual(Object.keys(declaration.args.shape).sort());
    }
  });
});

describe('the SQL functions the app calls', () => {
  it('all run with JIT off, whichever transport calls them', async () => {
    const rows = await sql<{ name: string }>(
      `select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where n.nspname = 'public' and p.prokind = 'f' and not ('jit=off' = any(coalesce(p.proconfig, '{}')))
         and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')`,
    );
    expect(rows.map((row) => row.name)).toEqual([]);
  });
});

describe('migration runner', () => {
  it('applies every migration once, records it where the Supabase CLI does, and is safe to run concurrently', async () => {
    const adminUrl = inject('adminDatabaseUrl');
    const database = `golf_test_migrate_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${database}`);
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    const clients = [new pg.Client({ connectionString: url.toString() }), new pg.Client({ connectionString: url.toString() })];
    try {
      await Promise.all(clients.map((client) => client.connect()));
      const results = await Promise.all(clients.map((client) => applyMigrations(client)));
      const files = (await listMigrationFiles()).map((file) => file.version);
      // One runner applied them all, the other found nothing left to do.
      expect(results.map((applied) => applied.length).sort((a, b) => a - b)).toEqual([0, files.length]);
      const { rows } = await clients[0]!.query<{ version: string; name: string; statements: string[] }>(
        'select version, name, statements from supabase_migrations.schema_migrations order by version',
      );
      expect(rows.map((row) => row.version)).toEqual(files);
      expect(rows.every((row) => row.name && row.statements.length === 1)).toBe(true);
      expect(await applyMigrations(clients[0]!)).toEqual([]);

      // Running the compat migration twice (as on Supabase, where roles and auth exist) is harmless.
      const compat = (await listMigrationFiles())[0]!;
      const { readFile } = await import('node:fs/promises');
      await clients[0]!.query(await readFile(compat.file, 'utf8'));

      await applySeed(clients[0]!);
      const { rows: bays } = await clients[0]!.query<{ name: string }>('select name from public.bays order by sort_order');
      expect(bays.map((bay) => bay.name)).toEqual(['Bay 1', 'Bay 2', 'Bay 3', 'AI Lab']);
    } finally {
      await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  });

  it('rolls a failing migration back entirely and names it', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
    await writeFile(path.join(dir, '20990101000000_good.sql'), 'create table public.t_good (id int);');
    await writeFile(path.join(dir, '20990101000001_bad.sql'), 'create table public.t_half (id int); select 1/0;');
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await expect(applyMigrations(client, dir)).rejects.toThrow(/20990101000001_bad failed: division by zero/);
      const { rows } = await client.query(`select to_regclass('public.t_good') as good, to_regclass('public.t_half') as half`);
      expect(rows[0]).toEqual({ good: 't_good', half: null });
      const { rows: recorded } = await client.query(`select version from supabase_migrations.schema_migrations where version like '2099%'`);
      expect(recorded).toEqual([{ version: '20990101000000' }]);
    } finally {
      await client.query('drop table if exists public.t_good');
      await client.query(`delete from supabase_migrations.schema_migrations where version like '2099%'`);
      await client.end();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
