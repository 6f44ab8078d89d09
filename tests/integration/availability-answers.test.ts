import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { anonCaller, rpc } from '@/lib/db';
import { createPgTransport } from '@/lib/db/pg-transport';
import type { AvailabilityResult } from '@/lib/db/functions';
import { insertBooking, venueDate } from '../support/factories';
import { sql } from '../support/sql';

/**
 * get_availability keeps each day's answer in app_private.availability_answers with the version
 * and period it was computed at (migration 20261202120000): it is served only while both are
 * the day's current ones, so a change of the day makes it old (20261203100000). These tests read
 * and tamper with the stored rows as the database owner, as a bug would leave them.
 */
const day = venueDate(4);

const answer = () => rpc('get_availability', { p_date: day }, anonCaller);
const stored = () =>
  sql<{ version: string; valid_until: string; answer: AvailabilityResult }>(
    `select version, to_char(valid_until, 'YYYY-MM-DD"T"HH24:MI:SS.US') as valid_until, answer from app_private.availability_answers where day = $1`,
    [day],
  );
const computed = async () => (await sql<{ answer: AvailabilityResult }>(`select app_private.availability_of_day($1) as answer`, [day]))[0]!.answer;
const slot = (result: AvailabilityResult, bay: string, startTime: string) => result.availableSlots.find((s) => s.bay === bay && s.startTime === startTime);
/** A stored answer a client must never see: every slot open. */
const forged = (result: AvailabilityResult): AvailabilityResult => ({
  ...result,
  availableSlots: result.availableSlots.map((s) => ({ ...s, available: true, status: 'open' as const })),
});

afterAll(async () => {
  await sql(`update public.bays set name_th = 'เบย์ 1' where name = 'Bay 1'`);
});

describe('stored availability answers', () => {
  it('stores a day with the version and period it was computed at, and serves it without computing while they are current', async () => {
    const first = await answer();
    const version = await rpc('get_availability_version', { p_date: day }, anonCaller);
    const [row] = await stored();
    expect(row).toMatchObject({ version: version.version, valid_until: version.validUntil });
    expect(row!.answer).toEqual(first);
    expect(first).toEqual(await computed());

    // A tampered row with the current version and period is what the next call answers: it was not computed.
    await sql(`update app_private.availability_answers set answer = jsonb_set(answer::jsonb, '{date}', '"stored"')::json where day = $1`, [day]);
    expect((await answer()).date).toBe('stored');
    const versioned = await rpc('get_availability_versioned', { p_date: day }, anonCaller);
    expect(versioned.availability.date).toBe('stored');
    expect(versioned).toMatchObject({ version: version.version, validUntil: version.validUntil });
    await sql(`delete from app_private.availability_answers where day = $1`, [day]);
    expect(await answer()).toEqual(first);
  });

  it('a booking makes the stored day old in its own transaction: the next answer shows the slot taken', async () => {
    const before = await answer();
    const current = async () => (await rpc('get_availability_version', { p_date: day }, anonCaller)).version;
    expect((await stored())[0]!.version).toBe(await current());
    expect(slot(before, 'Bay 2', '15:00')).toMatchObject({ status: 'open' });
    const id = await insertBooking({ bay: 'Bay 2', date: day, startTime: '15:00', hours: 2 });
    expect((await stored())[0]!.version).not.toBe(await current());
    const after = await answer();
    expect(slot(after, 'Bay 2', '15:00')).toMatchObject({ status: 'taken', available: false });
    expect(slot(after, 'Bay 2', '16:00')).toMatchObject({ status: 'taken', available: false });
    expect(after).toEqual(await computed());

    // The cancellation (an update of the status) makes it old too.
    await sql(`update public.bookings set status = 'cancelled' where id = $1`, [id]);
    expect((await stored())[0]!.version).not.toBe(await current());
    expect(slot(await answer(), 'Bay 2', '15:00')).toMatchObject({ status: 'open' });
  });

  it('never serves a stored answer of another version: a forged row is computed over', async () => {
    await insertBooking({ bay: 'Bay 3', date: day, startTime: '19:00' });
    const real = await answer();
    expect(slot(real, 'Bay 3', '19:00')).toMatchObject({ status: 'taken' });
    await sql(`update app_private.availability_answers set answer = $2, version = version || '-stale' where day = $1`, [day, forged(real)]);
    expect(await answer()).toEqual(real);
    // The miss replaced the row with the day's current answer.
    expect((await stored())[0]!.answer).toEqual(real);
  });

  it('never serves a stored answer past its period', async () => {
    const real = await answer();
    await sql(`update app_private.availability_answers set answer = $2, valid_until = app_private.venue_now() where day = $1`, [day, forged(real)]);
    expect(await answer()).toEqual(real);
  });

  it('names each bay in Thai from public.bays, and a new Thai name drops every stored day', async () => {
    const first = await answer();
    expect(first.availableSlots.length).toBeGreaterThan(0);
    const names = await sql<{ name: string; name_th: string | null }>('select name, name_th from public.bays where active');
    for (const s of first.availableSlots) expect(s.bayTh).toBe(names.find((b) => b.name === s.bay)!.name_th);

    await sql(`update public.bays set name_th = 'ช่อง 1' where name = 'Bay 1'`);
    expect(await sql('select 1 from app_private.availability_answers')).toHaveLength(0);
    expect(slot(await answer(), 'Bay 1', '15:00')).toMatchObject({ bay: 'Bay 1', bayTh: 'ช่อง 1' });
  });

  it('stores only the days a customer can book: asking for yesterday or for dates past the member horizon fills nothing', async () => {
    const [{ horizon }] = (await sql<{ horizon: number }>('select member_booking_horizon_days as horizon from public.venue_settings')) as [{ horizon: number }];
    const before = await sql<{ day: string }>('select day::text from app_private.availability_answers');
    const asked = [venueDate(-1), venueDate(horizon + 1), venueDate(horizon + 400), '2100-12-31', '2000-01-01'];
    for (const date of asked) {
      const result = await rpc('get_availability', { p_date: date }, anonCaller);
      expect(result.date).toBe(date);
      expect(result.fullyBooked).toBe(true);
    }
    expect(await sql<{ day: string }>('select day::text from app_private.availability_answers')).toEqual(before);
    // The last day of the horizon is stored.
    await rpc('get_availability', { p_date: venueDate(horizon) }, anonCaller);
    expect(await sql('select 1 from app_private.availability_answers where day = $1', [venueDate(horizon)])).toHaveLength(1);
  });

  it('in a read-only transaction (PostgREST GET) answers without storing', async () => {
    await sql(`delete from app_private.availability_answers where day = $1`, [day]);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(`begin transaction read only; set local role anon`);
      const { rows } = await client.query<{ answer: AvailabilityResult }>('select public.get_availability($1) as answer', [day]);
      await client.query('commit');
      expect(rows[0]!.answer).toEqual(await computed());
    } finally {
      await client.end();
    }
    expect(await stored()).toHaveLength(0);
  });
});

/**
 * A booking appends a change of each of its days (migration 20261203100000): nobody waits on
 * another booking of the day, and the day's version, the sum of its changes, moves when the
 * booking commits and never comes back to an earlier value.
 */
describe('the day version of a booking changes at its commit', () => {
  const other = venueDate(5);
  const versionOf = async (date: string) => (await rpc('get_availability_version', { p_date: date }, anonCaller)).version;
  const insertSql = `insert into public.bookings (reference, bay_id, starts_at, ends_at, duration_hours, number_of_people,
                                                  customer_name, customer_email, customer_phone)
    select 'BK' || to_char($1::date, 'YYMMDD') || upper(substr(md5(random()::text), 1, 6)), b.id, ($1::date + $2::time) at time zone 'Asia/Bangkok',
           ($1::date + $2::time + interval '1 hour') at time zone 'Asia/Bangkok', 1, 2, 'Open Txn', 'open@example.test', '0812345678'
    from public.bays b where b.name = $3`;
  const connect = async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    return client;
  };

  it('an open booking transaction holds no lock on its day: a second booking of the day commits meanwhile, and each commit bumps the version', async () => {
    await answer();
    const before = await versionOf(day);
    const open = await connect();
    let afterSecond: string;
    try {
      await open.query('begin');
      await open.query(insertSql, [day, '11:00', 'Bay 3']);
      // Everything but the commit itself done (deferred triggers too, as a commit runs them).
      await open.query('set constraints all immediate');
      // Another booking of the same day does not wait for the open one: a lock wait would fail it.
      const second = new pg.Client({ connectionString: process.env.DATABASE_URL, query_timeout: 2000 });
      await second.connect();
      try {
        await second.query(`set lock_timeout = '100ms'`);
        await second.query(insertSql, [day, '13:00', 'Bay 3']);
      } finally {
        await second.end();
      }
      afterSecond = await versionOf(day);
      expect(afterSecond).not.toBe(before);
      // The open booking is not seen by others, and its day's version has not moved for it yet.
      expect(slot(await answer(), 'Bay 3', '11:00')).toMatchObject({ status: 'open' });
      await answer();
      expect((await stored())[0]!.version).toBe(afterSecond);
      await open.query('commit');
    } finally {
      await open.end();
    }
    // The commit moved the version past the stored answer's: the slot shows taken.
    expect(await versionOf(day)).not.toBe(afterSecond);
    expect((await stored())[0]!.version).not.toBe(await versionOf(day));
    expect(slot(await answer(), 'Bay 3', '11:00')).toMatchObject({ status: 'taken' });
    expect(slot(await answer(), 'Bay 3', '13:00')).toMatchObject({ status: 'taken' });
  });

  it('a rolled-back booking bumps nothing; a booking moved to another day bumps both days at its commit', async () => {
    const [dayBefore, otherBefore] = [await versionOf(day), await versionOf(other)];
    const client = await connect();
    try {
      await client.query('begin');
      await client.query(insertSql, [day, '20:00', 'Bay 1']);
      await client.query('rollback');
      expect(await versionOf(day)).toBe(dayBefore);

      const [{ id }] = (await client.query<{ id: string }>(`${insertSql} returning id`, [day, '21:00', 'Bay 1'])).rows as [{ id: string }];
      const afterInsert = await versionOf(day);
      expect(afterInsert).not.toBe(dayBefore);
      await client.query('begin');
      await client.query(`update public.bookings set starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day' where id = $1`, [id]);
      // An update that changes nothing availability shows notes no day.
      await client.query(`update public.bookings set notes = 'moved' where id = $1`, [id]);
      expect([await versionOf(day), await versionOf(other)]).toEqual([afterInsert, otherBefore]);
      await client.query('commit');
      expect(await versionOf(day)).not.toBe(afterInsert);
      expect(await versionOf(other)).not.toBe(otherBefore);
      const afterMove = [await versionOf(day), await versionOf(other)];
      await client.query(`update public.bookings set notes = 'only a note' where id = $1`, [id]);
      expect([await versionOf(day), await versionOf(other)]).toEqual(afterMove);
    } finally {
      await client.end();
    }
  });

  it('a statement writing 50,000 bookings appends one change of every day it touched', async () => {
    const first = venueDate(40);
    const before = await versionOf(first);
    const started = performance.now();
    // Cancelled ones: the exclusion constraint binds live bookings only. 200 days of 250 each.
    await sql(`insert into public.bookings (reference, bay_id, starts_at, ends_at, duration_hours, status, number_of_people,
                                            customer_name, customer_email, customer_phone)
               select 'BK' || to_char($1::date + n / 250, 'YYMMDD') || upper(lpad(to_hex(n), 6, '0')), b.id,
                      ($1::date + n / 250 + time '12:00') at time zone 'Asia/Bangkok', ($1::date + n / 250 + time '13:00') at time zone 'Asia/Bangkok',
                      1, 'cancelled', 2, 'Bulk', 'bulk@example.test', '0812345678'
               from generate_series(0, 49999) as n, public.bays b where b.name = 'Bay 1'`, [first]);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(await versionOf(first)).not.toBe(before);
    const [{ days, rows }] = (await sql<{ days: number; rows: number }>(
      `select count(distinct day)::int as days, count(*)::int as rows from app_private.availability_changes
       where day between $1::date and $1::date + 199 and changed_at >= now() - interval '1 minute'`, [first])) as [{ days: number; rows: number }];
    expect({ days, rows }).toEqual({ days: 200, rows: 200 });
  });

  it('a day past 64 changes has them folded into one row, and folding never changes its version', async () => {
    const busy = venueDate(9);
    const sum = async () => (await sql<{ n: number }>('select coalesce(sum(changes), 0)::int as n from app_private.availability_changes where day = $1', [busy]))[0]!.n;
    const rows = async () => (await sql<{ n: number }>('select count(*)::int as n from app_private.availability_changes where day = $1', [busy]))[0]!.n;
    const start = await sum();
    const seen: number[] = [];
    const versions = new Set([await versionOf(busy)]);
    for (let n = 0; n < 70; n++) {
      await sql('select app_private.bump_availability(array[$1::date])', [busy]);
      seen.push(await sum());
      versions.add(await versionOf(busy));
    }
    // Each change counted one more, through the fold, and gave the day a version it never had.
    expect(seen).toEqual(Array.from({ length: 70 }, (_, n) => start + n + 1));
    expect(versions.size).toBe(71);
    expect(await rows()).toBeLessThanOrEqual(64);
    // A fold alone (the rows summed into one) keeps the version.
    const version = await versionOf(busy);
    await sql(`with gone as (delete from app_private.availability_changes where day = $1 returning changes)
               insert into app_private.availability_changes (day, changes) select $1, sum(changes)::bigint from gone`, [busy]);
    expect(await rows()).toBe(1);
    expect(await versionOf(busy)).toBe(version);
  });

  it('concurrent bookings of one day, each held open, all commit without waiting on each other', async () => {
    const busy = venueDate(10);
    const changes = async () => (await sql<{ n: number }>('select coalesce(sum(changes), 0)::int as n from app_private.availability_changes where day = $1', [busy]))[0]!.n;
    const before = await changes();
    const bays = (await sql<{ name: string }>('select name from public.bays where active order by name')).map((b) => b.name);
    const clients = await Promise.all(bays.map(() => connect()));
    try {
      for (const client of clients) await client.query(`begin; set local lock_timeout = '100ms'`);
      // A booking of every bay on one day, all in flight before any commits.
      await Promise.all(clients.map((client, n) => client.query(insertSql, [busy, '12:00', bays[n]])));
      await Promise.all(clients.map((client) => client.query('commit')));
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    expect(bays.length).toBeGreaterThan(1);
    expect(await changes()).toBe(before + bays.length);
  });

  it('two transactions booking both days in opposite orders commit without a deadlock', async () => {
    const [a, b] = [await connect(), await connect()];
    try {
      await a.query('begin');
      await b.query('begin');
      await a.query(insertSql, [day, '17:00', 'Bay 1']);
      await b.query(insertSql, [other, '17:00', 'Bay 2']);
      await a.query(insertSql, [other, '18:00', 'Bay 1']);
      await b.query(insertSql, [day, '18:00', 'Bay 2']);
      await Promise.all([a.query('commit'), b.query('commit')]);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
    const taken = await answer();
    expect(slot(taken, 'Bay 1', '17:00')).toMatchObject({ status: 'taken' });
    expect(slot(taken, 'Bay 2', '18:00')).toMatchObject({ status: 'taken' });
  });
});

describe('public.get_availability_versions', () => {
  it('answers the version of each day asked for, as get_availability_version does', async () => {
    const other = venueDate(6);
    const versions = await rpc('get_availability_versions', { p_dates: [day, other, day] }, anonCaller);
    expect(versions).toEqual({
      [day]: (await rpc('get_availability_version', { p_date: day }, anonCaller)).version,
      [other]: (await rpc('get_availability_version', { p_date: other }, anonCaller)).version,
    });
    expect(await rpc('get_availability_versions', { p_dates: [] }, anonCaller)).toEqual({});
    // A digest: it tells an anonymous caller nothing of how many changes the day had.
    for (const version of Object.values(versions)) expect(version).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses more than 400 days and a malformed date with 400, not 500', async () => {
    const many = Array.from({ length: 401 }, (_, n) => venueDate(n));
    const transport = createPgTransport(process.env.DATABASE_URL!);
    try {
      await expect(transport.call('get_availability_versions', { p_dates: many }, anonCaller)).rejects.toMatchObject({ status: 400 });
      await expect(transport.call('get_availability_versions', { p_dates: ['2026-02-30'] }, anonCaller)).rejects.toMatchObject({ status: 400 });
    } finally {
      await transport.end();
    }
  });
});
