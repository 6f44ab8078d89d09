import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applySeed } from '@/lib/db/migrations';
import { type Catalog, diffCatalogs, readCatalog } from '../support/catalog';

/**
 * supabase/schemas/ is the readable current schema; supabase/migrations/ is the history that
 * deploys. Two databases are compared by their whole catalog: this file's own database (a
 * clone of the template the suite builds by running every migration) and a fresh empty one
 * on which the schema files are run in name order, as `supabase db diff` runs them.
 */
const schemaDir = path.join(process.cwd(), 'supabase', 'schemas');
const names = { left: 'the migrations', right: 'supabase/schemas' };

const adminUrl = inject('adminDatabaseUrl');
// Named like the suite's per-file databases, so a crashed run's teardown drops it too.
const schemaDatabase = `${inject('templateDatabase').replace('golf_template_', 'golf_test_')}_schema_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
const migrated = new pg.Client({ connectionString: process.env.DATABASE_URL });
let fromFiles: pg.Client;
let schemaCatalog: Catalog;

async function runSchemaFiles(client: pg.Client): Promise<string[]> {
  const files = (await readdir(schemaDir)).filter((file) => file.endsWith('.sql')).sort();
  for (const file of files) {
    const text = await readFile(path.join(schemaDir, file), 'utf8');
    await client.query('begin');
    try {
      await client.query(text);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw new Error(`supabase/schemas/${file} failed on an empty database: ${(error as Error).message}`, { cause: error });
    }
  }
  return files;
}

/** Fails with every difference spelled out: the object, then - the migrations' line, + the schema file's. */
function expectSameSchema(left: Catalog, right: Catalog) {
  const differences = diffCatalogs(left, right, names);
  expect(
    differences.length,
    `supabase/schemas and supabase/migrations disagree on ${differences.length} object(s). A change adds a migration ` +
      `and updates the schema file in the same commit.\n\n${differences.join('\n\n')}\n`,
  ).toBe(0);
}

beforeAll(async () => {
  await admin.connect();
  await admin.query(`create database ${pg.escapeIdentifier(schemaDatabase)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${schemaDatabase}`;
  fromFiles = new pg.Client({ connectionString: url.toString() });
  await Promise.all([fromFiles.connect(), migrated.connect()]);
  const files = await runSchemaFiles(fromFiles);
  expect(files.length).toBeGreaterThan(5);
  schemaCatalog = await readCatalog(fromFiles);
});

afterAll(async () => {
  await Promise.all([fromFiles?.end(), migrated.end()]);
  await admin.query(`drop database if exists ${pg.escapeIdentifier(schemaDatabase)} with (force)`);
  await admin.end();
});

describe('supabase/schemas', () => {
  it('builds, on an empty database, exactly the schema the migrations build', async () => {
    const migrationCatalog = await readCatalog(migrated);
    // The comparison covers every kind of object the app has, not a trivially empty catalog.
    const kinds = new Set([...migrationCatalog.keys()].map((key) => key.split(' ')[0]));
    for (const kind of ['schema', 'extension', 'table', 'sequence', 'function']) expect(kinds, kind).toContain(kind);
    expect(migrationCatalog.get('table public.bookings')).toMatch(/constraint bookings_no_overlap: EXCLUDE USING gist/);

    expectSameSchema(migrationCatalog, schemaCatalog);
  });

  it('catches a migration that the schema files were not updated for, whatever it changes', async () => {
    // A new migration file, applied to the migrated database in a transaction that is rolled
    // back: one change of each kind a migration can make, none of them mirrored in the files.
    const newMigration = `
      -- A name no real change will take, so the stand-in never collides with a column that lands.
      alter table public.bookings add column stand_in_probe text check (stand_in_probe in ('web', 'phone'));
      create index bookings_stand_in_probe_idx on public.bookings (stand_in_probe);
      alter table public.outbox_jobs add constraint outbox_jobs_kind_not_empty check (kind <> '');
      create or replace function app_private.venue_timezone() returns text
        language sql immutable
        as $$ select 'Asia/Tokyo'::text $$;
      alter function public.get_availability(date) set jit = on;
      grant execute on function public.hit_rate_limit(text, integer, integer) to anon;
      grant insert on public.bays to authenticated;
      alter table public.packages no force row level security;
      alter policy "Members read their own profile" on public.profiles to authenticated, anon;
      comment on table public.customers is 'Changed by a migration only.';
      create trigger customers_touch_again before update on public.customers
        for each row execute function app_private.touch_updated_at();
      create schema reporting;
      create table reporting.daily_totals (day date primary key, bookings integer not null);
      create type public.booking_source as enum ('web', 'phone');
      create view public.live_bookings as select id, bay_id from public.bookings where status <> 'cancelled';
      create sequence public.ticket_numbers;
      create extension if not exists citext with schema extensions;
      alter default privileges in schema public grant select on tables to anon;
    `;
    const { role } = (await migrated.query<{ role: string }>('select current_user as role')).rows[0]!;
    let changed: Catalog;
    await migrated.query('begin');
    try {
      await migrated.query(newMigration);
      changed = await readCatalog(migrated);
    } finally {
      await migrated.query('rollback');
    }

    const differences = diffCatalogs(changed, schemaCatalog, names);
    expect(differences.map((difference) => difference.split(':')[0]!.replace(/\(.*\)$/, '()')).sort()).toEqual(
      [
        'table public.bookings',
        'table public.outbox_jobs',
        'function app_private.venue_timezone()',
        'function public.get_availability()',
        'function public.hit_rate_limit()',
        'table public.bays',
        'table public.packages',
        'table public.profiles',
        'table public.customers',
        'schema reporting',
        'table reporting.daily_totals',
        'type public.booking_source',
        'view public.live_bookings',
        'sequence public.ticket_numbers',
        'extension citext',
        `default privileges of ${role} in public on tables`,
      ].sort(),
    );
    // Each difference says which side has what, line by line.
    const timezone = differences.find((difference) => difference.startsWith('function app_private.venue_timezone()'))!;
    expect(timezone).toContain(`differs (- the migrations, + supabase/schemas)`);
    expect(timezone).toContain(`- AS $function$ select 'Asia/Tokyo'::text $function$`);
    expect(timezone).toContain(`+ AS $function$ select 'Asia/Bangkok'::text $function$`);
    const bookings = differences.find((difference) => difference.startsWith('table public.bookings'))!;
    expect(bookings).toMatch(/^- column \d+ stand_in_probe text$/m);
    expect(bookings).toMatch(/^- index CREATE INDEX bookings_stand_in_probe_idx ON public\.bookings USING btree \(stand_in_probe\)$/m);
    expect(differences.find((difference) => difference.startsWith('schema reporting'))).toContain('only in the migrations');

    // Rolled back: the migrated database is the schema files' again.
    expectSameSchema(await readCatalog(migrated), schemaCatalog);
  });

  it('takes the seed as the migrations do', async () => {
    await applySeed(fromFiles);
    const counts = async (client: pg.Client) => {
      const { rows: tables } = await client.query<{ name: string }>(
        `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where c.relkind = 'r' and n.nspname in ('public', 'app_private') order by 1`,
      );
      const { rows } = await client.query<{ name: string; count: string }>(
        tables.map(({ name }) => `select '${name}' as name, count(*) as count from ${name}`).join(' union all '),
      );
      return Object.fromEntries(rows.map((row) => [row.name, Number(row.count)]));
    };
    const seeded = await counts(fromFiles);
    expect(seeded).toEqual(await counts(migrated));
    expect(seeded['public.bays']).toBeGreaterThan(0);
    expect(seeded['public.lucky_draw_prizes']).toBeGreaterThan(0);
  });
});
