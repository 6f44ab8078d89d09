import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { anonCaller, rpc } from '@/lib/db';
import type { AvailabilityResult } from '@/lib/db/functions';
import { insertBooking, venueDate } from '../support/factories';
import { sql } from '../support/sql';

/**
 * get_availability keeps each day's answer in app_private.availability_answers with the version
 * and period it was computed at (migration 20261202120000): it is served only while both are
 * the day's current ones, and the change that bumps a day's version drops it. These tests read
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

  it('a booking drops the day in its own transaction: the next answer shows the slot taken', async () => {
    const before = await answer();
    expect(await stored()).toHaveLength(1);
    expect(slot(before, 'Bay 2', '15:00')).toMatchObject({ status: 'open' });
    const id = await insertBooking({ bay: 'Bay 2', date: day, startTime: '15:00', hours: 2 });
    expect(await stored()).toHaveLength(0);
    const after = await answer();
    expect(slot(after, 'Bay 2', '15:00')).toMatchObject({ status: 'taken', available: false });
    expect(slot(after, 'Bay 2', '16:00')).toMatchObject({ status: 'taken', available: false });
    expect(after).toEqual(await computed());

    // The cancellation (an update of the status) drops it too.
    await sql(`update public.bookings set status = 'cancelled' where id = $1`, [id]);
    expect(await stored()).toHaveLength(0);
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
