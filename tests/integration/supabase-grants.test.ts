import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { anonCaller, type Caller, memberCaller, serviceCaller } from '@/lib/db';
import { type SqlArgs, type SqlFunctionName, type SqlResult, sqlFunctions } from '@/lib/db/functions';
import { applyMigrations, applySeed, listMigrationFiles } from '@/lib/db/migrations';
import { createPgTransport, type Transport } from '@/lib/db/pg-transport';

/**
 * On a Supabase project every new function in `public` is executable by anon, authenticated and
 * service_role by name, a default privilege of the role that runs migrations; revoking execute
 * from PUBLIC leaves those grants. This file builds a fresh database that has Supabase's
 * defaults, runs every migration on it as that same role, and attacks it as PostgREST's anon
 * role would: the result must be the plain PostgreSQL one (this file's own database, a clone of
 * the suite's migrated template).
 */

// The migration that closes the hole; the ones before it reproduce the finding.
const FIX_VERSION = '20261125002000';

// What Supabase's initial schema does that decides who may call a new function: run as the role
// that later runs the migrations (postgres), it grants all on new tables, sequences and functions
// in public to the API roles by name. The roles themselves are cluster-wide: the suite's template
// already made them (the compat migration), as Supabase has them before any migration.
const supabaseDefaults = `
  grant usage on schema public to anon, authenticated, service_role;
  alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
  alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
  alter default privileges in schema public grant all on functions to anon, authenticated, service_role;`;

const adminUrl = inject('adminDatabaseUrl');
// Named like the suite's per-file databases, so a crashed run's teardown drops it too.
const supabaseDatabase = `${inject('templateDatabase').replace('golf_template_', 'golf_test_')}_supabase_${randomBytes(4).toString('hex')}`;
const supabaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${supabaseDatabase}`;
  return url.toString();
})();

const admin = new pg.Client({ connectionString: adminUrl });
/** The Supabase-like database, connected as the role that runs the migrations. */
const supabase = new pg.Client({ connectionString: supabaseUrl });
/** This file's plain migrated database. */
const plain = new pg.Client({ connectionString: process.env.DATABASE_URL });
let transport: Transport;

type Grants = Record<string, string[]>;
let beforeFix: { grants: Grants; anonClaim: string };

const apiRoles = ['anon', 'authenticated', 'service_role'];

/** Per function in public and app_private, who holds EXECUTE: `public` or one of the API roles. */
async function executeGrants(db: pg.Client): Promise<Grants> {
  const { rows } = await db.query<{ name: string; grantees: string[] }>(
    `select format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as name,
            array(select case when a.grantee = 0 then 'public' else pg_get_userbyid(a.grantee)::text end as grantee
                  from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                  where a.privilege_type = 'EXECUTE' and (a.grantee = 0 or pg_get_userbyid(a.grantee) = any($1))
                  order by 1) as grantees
     from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname in ('public', 'app_private')`,
    [apiRoles],
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.grantees]));
}

const without = (grants: Grants, role: string): Grants =>
  Object.fromEntries(Object.entries(grants).map(([name, roles]) => [name, roles.filter((r) => r !== role)]));

/** Runs `text` as `role` in a transaction with `claims` as request.jwt.claims (PostgREST's way); rolls back. */
async function runAs(db: pg.Client, role: string, claims: string, text: string): Promise<unknown[]> {
  await db.query('begin');
  try {
    await db.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [role, claims]);
    return (await db.query(text)).rows;
  } finally {
    await db.query('rollback');
  }
}

/** A call through the app's pg transport (what PostgREST does for POST /rpc/<name>), result parsed. */
async function call<N extends SqlFunctionName>(name: N, args: SqlArgs<N>, caller: Caller): Promise<SqlResult<N>> {
  const declaration = sqlFunctions[name];
  const raw = await transport.call(name, declaration.args.parse(args) as Record<string, unknown>, caller);
  return declaration.result.parse(raw) as SqlResult<N>;
}

beforeAll(async () => {
  await admin.connect();
  await admin.query(`create database ${pg.escapeIdentifier(supabaseDatabase)}`);
  await Promise.all([supabase.connect(), plain.connect()]);
  await supabase.query(supabaseDefaults);

  // The migrations before the fix, as a Supabase project had them.
  const files = await listMigrationFiles();
  expect(files.map((file) => file.version)).toContain(FIX_VERSION);
  const earlier = await mkdtemp(path.join(os.tmpdir(), 'migrations-before-fix-'));
  try {
    for (const file of files.filter((f) => f.version < FIX_VERSION)) {
      await symlink(file.file, path.join(earlier, path.basename(file.file)));
    }
    await applyMigrations(supabase, earlier);
  } finally {
    await rm(earlier, { recursive: true, force: true });
  }
  beforeFix = {
    grants: await executeGrants(supabase),
    anonClaim: await runAs(supabase, 'anon', '', 'select public.claim_outbox_jobs(10) as jobs').then(
      () => 'executed',
      (error: pg.DatabaseError) => error.code ?? 'failed',
    ),
  };

  // Then the rest, the fix among them, as `supabase db push` would.
  expect(await applyMigrations(supabase)).toContain(FIX_VERSION);
  await applySeed(supabase);
  transport = createPgTransport(supabaseUrl, 2);
});

afterAll(async () => {
  await Promise.all([transport?.end(), supabase.end(), plain.end()]);
  await admin.query(`drop database if exists ${pg.escapeIdentifier(supabaseDatabase)} with (force)`);
  await admin.end();
});

describe('function execute grants under Supabase default privileges', () => {
  it('reproduces the finding: before the fix anon and members could execute every function in public', () => {
    const inPublic = Object.entries(beforeFix.grants).filter(([name]) => name.startsWith('public.'));
    expect(inPublic.length).toBeGreaterThan(40);
    for (const [name, roles] of inPublic) expect(roles, name).toEqual(expect.arrayContaining(['anon', 'authenticated']));
    expect(beforeFix.anonClaim).toBe('executed');
  });

  it('after the migrations, PUBLIC, anon and authenticated hold EXECUTE on exactly what they hold on plain PostgreSQL', async () => {
    const onSupabase = await executeGrants(supabase);
    const onPlain = await executeGrants(plain);
    expect(Object.keys(onPlain).length).toBeGreaterThan(70);
    expect(without(onSupabase, 'service_role')).toEqual(without(onPlain, 'service_role'));
    // Nothing is PUBLIC's, anywhere in the app's schemas.
    expect(Object.entries(onPlain).filter(([, roles]) => roles.includes('public'))).toEqual([]);
    // The service role keeps every grant it has on plain PostgreSQL (on Supabase it may hold more).
    for (const [name, roles] of Object.entries(onPlain)) {
      if (roles.includes('service_role')) expect(onSupabase[name], name).toContain('service_role');
    }
  });

  it('anon (no claims) and a member are refused the service-only and private functions', async () => {
    const refused = [
      'select public.claim_outbox_jobs(10)',
      'select public.get_booking_notice(gen_random_uuid())',
      `select public.spin_lucky_draw(gen_random_uuid(), 'U0123456789abcdef0123456789abcdef')`,
      `select public.record_sales_transaction('tx-attack', gen_random_uuid(), 100000, now())`,
      `select public.hit_rate_limit('attack', 1000000, 60)`,
      `select public.create_guest_profile('M', 'm@example.test', '0812345678')`,
      `select public.redeem_lucky_draw_prize(gen_random_uuid(), 'Mallory')`,
      'select public.applied_migrations()',
      'select app_private.claim_due_jobs(10, 60, null, null, null)',
      'select app_private.booking_notice(gen_random_uuid())',
      'select app_private.random_reference_part()',
    ];
    const member = JSON.stringify({ role: 'authenticated', sub: randomUUID() });
    for (const statement of refused) {
      await expect(runAs(supabase, 'anon', '', statement), statement).rejects.toMatchObject({ code: '42501' });
      await expect(runAs(supabase, 'authenticated', member, statement), statement).rejects.toMatchObject({ code: '42501' });
    }
    // Through the app's transport, the answer PostgREST gives: 401 for anon, 403 for a member.
    await expect(transport.call('claim_outbox_jobs', { p_limit: 10 }, anonCaller)).rejects.toMatchObject({ status: 401, code: '42501' });
    const sale = { p_transaction_id: 'tx-attack', p_customer_id: randomUUID(), p_amount_thb: 100000 };
    await expect(transport.call('record_sales_transaction', sale, memberCaller(randomUUID()))).rejects.toMatchObject({
      status: 403,
      code: '42501',
    });
  });

  it('what the app calls as anon or as a member still works', async () => {
    const [{ date }] = (await supabase.query<{ date: string }>(`select (app_private.venue_now()::date + 30)::text as date`)).rows as [
      { date: string },
    ];
    const availability = await call('get_availability', { p_date: date }, anonCaller);
    expect(availability.availableSlots.length).toBeGreaterThan(0);
    expect(await call('check_availability', { p_date: date, p_start_time: '14:00', p_duration_hours: 1, p_people: 2 }, anonCaller)).toMatchObject(
      { available: true },
    );
    await call('get_campaign_status', {}, anonCaller);

    const { profileId } = await call('create_guest_profile', { p_name: 'Member', p_email: 'member@example.test', p_phone: '0812345678' }, serviceCaller);
    const member = memberCaller(profileId);
    expect(await call('get_vip_status', {}, member)).toEqual({ status: 'not_linked', crmCustomerId: null });
    expect(await call('get_my_bookings', { p_filter: 'all', p_page: 1, p_limit: 10 }, member)).toMatchObject({ bookings: [] });
    // get_my_bookings runs as the member and raises its validation error through an app_private helper.
    await expect(transport.call('get_my_bookings', { p_filter: 'nope', p_page: 1, p_limit: 10 }, member)).rejects.toMatchObject({
      status: 400,
      message: 'VALIDATION_ERROR',
    });
  });

  it('a table or sequence created after the migrations in public is closed to anon and members, on Supabase and on plain PostgreSQL', async () => {
    for (const db of [supabase, plain]) {
      const probe = `public.probe_${randomBytes(4).toString('hex')}`;
      await db.query(`create table ${probe} (id bigint generated always as identity primary key, note text)`);
      try {
        const { rows } = await db.query<Record<string, boolean>>(
          `select bool_or(has_table_privilege(r, $1, 'select,insert,update,delete')) as "table",
                  bool_or(has_sequence_privilege(r, pg_get_serial_sequence($1, 'id'), 'usage,select,update')) as "sequence"
           from unnest(array['anon', 'authenticated']) r`,
          [probe],
        );
        expect(rows[0], probe).toEqual({ table: false, sequence: false });
        await expect(runAs(db, 'anon', '', `insert into ${probe} (note) values ('x')`), probe).rejects.toMatchObject({ code: '42501' });
      } finally {
        await db.query(`drop table ${probe}`);
      }
    }
  });

  it('a function created after the migrations is executable by its owner only, on Supabase and on plain PostgreSQL', async () => {
    for (const db of [supabase, plain]) {
      for (const schema of ['public', 'app_private']) {
        const probe = `${schema}.probe_${randomBytes(4).toString('hex')}`;
        await db.query(`create function ${probe}() returns integer language sql as 'select 1'`);
        try {
          const { rows } = await db.query<Record<string, boolean>>(
            `select has_function_privilege('public', $1::regprocedure, 'execute') as "public",
                    has_function_privilege('anon', $1::regprocedure, 'execute') as anon,
                    has_function_privilege('authenticated', $1::regprocedure, 'execute') as authenticated`,
            [`${probe}()`],
          );
          expect(rows[0], probe).toEqual({ public: false, anon: false, authenticated: false });
          await expect(runAs(db, 'anon', '', `select ${probe}()`), probe).rejects.toMatchObject({ code: '42501' });
        } finally {
          await db.query(`drop function ${probe}()`);
        }
      }
    }
  });
});
