import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { POST as cancelRoute } from '@/app/api/vip/bookings/[bookingId]/cancel/route';
import { PUT as modifyRoute } from '@/app/api/vip/bookings/[bookingId]/modify/route';
import { GET as bookingsRoute } from '@/app/api/vip/bookings/route';
import { GET as packagesRoute } from '@/app/api/vip/packages/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { createCustomer, createProfile, insertBooking, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { sql, sqlAs } from '../support/sql';

interface Member {
  profileId: string;
  customerId: string;
  token: string;
}

async function member(): Promise<Member> {
  const profileId = await createProfile();
  const customerId = await createCustomer();
  await sql('update public.profiles set customer_id = $1 where id = $2', [customerId, profileId]);
  return { profileId, customerId, token: await issueSessionToken(profileId) };
}

const auth = (m: Member) => ({ Authorization: `Bearer ${m.token}` });
const claims = (m: Member) => ({ role: 'authenticated', sub: m.profileId, aud: 'authenticated' });

const list = (m: Member, query = '') => call(bookingsRoute, 'GET', `/api/vip/bookings${query}`, { headers: auth(m) });
const modify = (m: Member, bookingId: string, body: unknown) =>
  call(modifyRoute, 'PUT', `/api/vip/bookings/${bookingId}/modify`, { headers: auth(m), body, params: { bookingId } });
const cancel = (m: Member, bookingId: string, body: unknown = {}) =>
  call(cancelRoute, 'POST', `/api/vip/bookings/${bookingId}/cancel`, { headers: auth(m), body, params: { bookingId } });

async function bookingRow(id: string) {
  const [row] = await sql<{ status: string; local: string; duration_hours: string; change_sequence: number; price_thb: number | null; bay: string }>(
    `select b.status, to_char(b.starts_at at time zone 'Asia/Bangkok', 'YYYY-MM-DD HH24:MI') as local, b.duration_hours::text,
            b.change_sequence, b.price_thb, bay.name as bay
     from public.bookings b join public.bays bay on bay.id = b.bay_id where b.id = $1`,
    [id],
  );
  return row!;
}

async function packageFor(m: Member, total = 10, used = 0): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `insert into public.packages (customer_id, package_name, purchase_date, total_hours, used_hours)
     values ($1, '10 Hour Practice', current_date - 1, $2, $3) returning id`,
    [m.customerId, total, used],
  );
  return row!.id;
}

async function usedHours(packageId: string): Promise<number> {
  const [row] = await sql<{ used: string }>('select used_hours::text as used from public.packages where id = $1', [packageId]);
  return Number(row!.used);
}

describe('GET /api/vip/bookings', () => {
  it('lists bookings by profile and by linked customer (also those made before the account), paged and ordered', async () => {
    const a = await member();
    const ids: string[] = [];
    // 7 future bookings: 4 under the profile, 3 under the customer record only (made by staff or as a guest).
    for (let i = 0; i < 7; i++) {
      ids.push(
        await insertBooking({
          bay: 'Bay 3',
          date: venueDate(60 + i),
          startTime: '10:00',
          profileId: i < 4 ? a.profileId : null,
          customerId: i < 4 ? null : a.customerId,
        }),
      );
    }
    const past = await insertBooking({ bay: 'Bay 3', date: venueDate(-3), startTime: '10:00', customerId: a.customerId });
    const pastCancelled = await insertBooking({ bay: 'Bay 3', date: venueDate(-5), startTime: '10:00', profileId: a.profileId, status: 'cancelled' });
    const futureCancelled = await insertBooking({ bay: 'Bay 3', date: venueDate(90), startTime: '10:00', profileId: a.profileId, status: 'cancelled' });

    const page1 = await list(a, '?filter=future&limit=3&page=1');
    expect(page1.status).toBe(200);
    expect(page1.headers.get('cache-control')).toBe('no-store');
    const body1 = await json<{ bookings: Array<{ id: string; date: string; status: string }>; pagination: Record<string, number> }>(page1);
    expect(body1.pagination).toEqual({ currentPage: 1, totalPages: 3, totalCount: 7, limit: 3 });
    expect(body1.bookings.map((b) => b.id)).toEqual(ids.slice(0, 3));
    const body3 = await json<{ bookings: Array<{ id: string }>; pagination: Record<string, number> }>(await list(a, '?filter=future&limit=3&page=3'));
    expect(body3.bookings.map((b) => b.id)).toEqual([ids[6]]);
    expect(body3.pagination).toEqual({ currentPage: 3, totalPages: 3, totalCount: 7, limit: 3 });
    const body4 = await json<{ bookings: unknown[]; pagination: Record<string, number> }>(await list(a, '?filter=future&limit=3&page=4'));
    expect(body4.bookings).toEqual([]);
    // Exactly a page's worth: no empty extra page.
    const exact = await json<{ pagination: Record<string, number> }>(await list(a, '?filter=future&limit=7'));
    expect(exact.pagination).toEqual({ currentPage: 1, totalPages: 1, totalCount: 7, limit: 7 });

    // Past: the visits that took place; a cancelled booking, future or past, is under its own filter.
    const pastBody = await json<{ bookings: Array<{ id: string; status: string }>; pagination: Record<string, number> }>(await list(a, '?filter=past'));
    expect(pastBody.bookings.map((b) => [b.id, b.status])).toEqual([[past, 'completed']]);
    const cancelledBody = await json<{ bookings: Array<{ id: string; status: string }>; pagination: Record<string, number> }>(await list(a, '?filter=cancelled'));
    expect(cancelledBody.bookings.map((b) => [b.id, b.status])).toEqual([
      [futureCancelled, 'cancelled'],
      [pastCancelled, 'cancelled'],
    ]);
    expect(cancelledBody.pagination).toEqual({ currentPage: 1, totalPages: 1, totalCount: 2, limit: 10 });
    const all = await json<{ bookings: Array<{ id: string }>; pagination: Record<string, number> }>(await list(a));
    expect(all.pagination).toEqual({ currentPage: 1, totalPages: 1, totalCount: 10, limit: 10 });
    expect(all.bookings[0]).toMatchObject({ id: futureCancelled, date: venueDate(90), startTime: '10:00', duration: 1, bay: 'Bay 3', numberOfPeople: 2 });
  });

  it('caps limit at 50 and answers 400 for bad parameters', async () => {
    const a = await member();
    const capped = await json<{ pagination: { limit: number } }>(await list(a, '?limit=500'));
    expect(capped.pagination.limit).toBe(50);
    for (const query of ['?page=0', '?page=abc', '?limit=0', '?limit=-1', '?filter=upcoming', '?page=1.5']) {
      const response = await list(a, query);
      expect(response.status, query).toBe(400);
      expect((await json(response)).code).toBe('VALIDATION_ERROR');
    }
    expect((await call(bookingsRoute, 'GET', '/api/vip/bookings')).status).toBe(401);
  });

  it('counts and pages each way of owning a booking once: by profile, by customer record, by both; ties by id; bays named in Thai, a closed bay too', async () => {
    const a = await member();
    const other = await member();
    const date = venueDate(70);
    const byBoth = await insertBooking({ bay: 'Bay 1', date, startTime: '10:00', profileId: a.profileId, customerId: a.customerId });
    // Under A's profile though another customer record (the desk picked the wrong one), and under A's record by another profile.
    const byProfile = await insertBooking({ bay: 'Bay 2', date, startTime: '10:00', profileId: a.profileId, customerId: other.customerId });
    const byCustomer = await insertBooking({ bay: 'Bay 3', date, startTime: '10:00', profileId: other.profileId, customerId: a.customerId });
    const inClosedBay = await insertBooking({ bay: 'AI Lab', date, startTime: '12:00', customerId: a.customerId });
    const notMine = await insertBooking({ bay: 'AI Lab', date, startTime: '10:00', profileId: other.profileId, customerId: other.customerId });
    await sql(`update public.bays set active = false where name = 'AI Lab'`);
    try {
      type Page = { bookings: Array<{ id: string; bay: string; bayTh: string | null; startTime: string }>; pagination: Record<string, number> };
      const all = await json<Page>(await list(a, '?filter=all&limit=50'));
      expect(all.pagination).toEqual({ currentPage: 1, totalPages: 1, totalCount: 4, limit: 50 });
      // Newest first; the three 10:00 bookings by id, the other way round from the soonest-first order.
      const tied = [byBoth, byProfile, byCustomer].sort();
      expect(all.bookings.map((b) => b.id)).toEqual([inClosedBay, ...[...tied].reverse()]);
      expect(all.bookings.find((b) => b.id === byBoth)).toMatchObject({ bay: 'Bay 1', bayTh: 'เบย์ 1' });
      expect(all.bookings.find((b) => b.id === inClosedBay)).toMatchObject({ bay: 'Closed bay', bayTh: null });
      expect(all.bookings.every((b) => 'bayTh' in b)).toBe(true);
      // One at a time, the pages hold the same bookings in the same order, none twice.
      const paged: string[] = [];
      for (let page = 1; page <= 5; page++) {
        const body = await json<Page>(await list(a, `?filter=all&limit=1&page=${page}`));
        expect(body.pagination).toEqual({ currentPage: page, totalPages: 4, totalCount: 4, limit: 1 });
        paged.push(...body.bookings.map((b) => b.id));
      }
      expect(paged).toEqual(all.bookings.map((b) => b.id));
      const future = await json<Page>(await list(a, '?filter=future&limit=50'));
      expect(future.bookings.map((b) => b.id)).toEqual([...tied, inClosedBay]);
      // The other member sees theirs (two of A's by one way of owning each) and never A's by both.
      const theirs = await json<Page>(await list(other, '?filter=all&limit=50'));
      expect(theirs.bookings.map((b) => b.id).sort()).toEqual([byProfile, byCustomer, notMine].sort());
    } finally {
      await sql(`update public.bays set active = true where name = 'AI Lab'`);
    }
  });

  it("'future' holds a booking under way, the longest there is, and none that has ended", async () => {
    const a = await member();
    const ids = await Promise.all([-3, 1].map((days) => insertBooking({ bay: 'Bay 2', date: venueDate(days), startTime: '10:00', profileId: a.profileId })));
    const [ended, ongoing] = await Promise.all(['Bay 3', 'Bay 1'].map((bay) => insertBooking({ bay, date: venueDate(-20), startTime: '10:00', customerId: a.customerId })));
    // Started 11h59 ago for 12 hours (the most a booking lasts), and one that ended a minute ago.
    await sql(`update public.bookings set starts_at = now() - interval '719 minutes', ends_at = now() + interval '1 minute', duration_hours = 12 where id = $1`, [ongoing]);
    await sql(`update public.bookings set starts_at = now() - interval '61 minutes', ends_at = now() - interval '1 minute', duration_hours = 1 where id = $1`, [ended]);
    const future = await json<{ bookings: Array<{ id: string }>; pagination: Record<string, number> }>(await list(a, '?filter=future'));
    expect(future.bookings.map((b) => b.id)).toEqual([ongoing, ids[1]]);
    expect(future.pagination.totalCount).toBe(2);
  });
});

describe('members are kept apart', () => {
  it('B cannot read, modify or cancel A’s bookings, nor see A’s packages or profile, by API or SQL', async () => {
    const a = await member();
    const b = await member();
    const booking = await insertBooking({ bay: 'Bay 3', date: venueDate(40), startTime: '18:00', profileId: a.profileId, customerId: a.customerId });
    await packageFor(a);

    const bList = await json<{ bookings: Array<{ id: string }> }>(await list(b));
    expect(bList.bookings.map((x) => x.id)).not.toContain(booking);
    const modified = await modify(b, booking, { date: venueDate(41), startTime: '12:00', duration: 1 });
    expect(modified.status).toBe(403);
    expect((await json(modified)).code).toBe('FORBIDDEN');
    const cancelled = await cancel(b, booking);
    expect(cancelled.status).toBe(403);
    expect((await bookingRow(booking)).status).toBe('confirmed');
    expect((await bookingRow(booking)).local).toBe(`${venueDate(40)} 18:00`);
    const packages = await json<{ activePackages: unknown[] }>(await call(packagesRoute, 'GET', '/api/vip/packages', { headers: auth(b) }));
    expect(packages.activePackages).toEqual([]);

    // Straight at the database, as B's own REST client would.
    const rows = await sqlAs<{ r: { bookings: Array<{ id: string }> } }>('authenticated', claims(b), `select public.get_my_bookings('all', 1, 50) as r`);
    expect(rows[0]!.r.bookings.map((x) => x.id)).not.toContain(booking);
    await expect(
      sqlAs('authenticated', claims(b), `select public.modify_vip_booking($1, jsonb_build_object('date', $2::text, 'startTime', '13:00', 'duration', 1))`, [booking, venueDate(40)]),
    ).rejects.toMatchObject({ message: 'FORBIDDEN' });
    await expect(sqlAs('authenticated', claims(b), `select public.cancel_vip_booking($1, '{"cancellationReason": "mine now"}')`, [booking])).rejects.toMatchObject({ message: 'FORBIDDEN' });
    const profile = await sqlAs<{ p: { id: string } }>('authenticated', claims(b), 'select public.get_vip_profile() as p');
    expect(profile[0]!.p.id).toBe(b.profileId);
    expect(await sqlAs('authenticated', claims(b), 'select id from public.profiles where id = $1', [a.profileId])).toEqual([]);
    expect(await sqlAs('authenticated', claims(b), 'select id from public.packages where customer_id = $1', [a.customerId])).toEqual([]);
    expect(await sqlAs('authenticated', claims(b), 'select id from public.bookings where id = $1', [booking])).toEqual([]);
    await expect(sqlAs('authenticated', claims(b), `update public.bookings set status = 'cancelled' where id = $1`, [booking])).rejects.toMatchObject({
      code: '42501',
    });
    await expect(sqlAs('authenticated', claims(b), 'select * from public.vip_link_codes')).rejects.toMatchObject({ code: '42501' });
    await expect(sqlAs('anon', { role: 'anon' }, `select public.cancel_vip_booking($1)`, [booking])).rejects.toMatchObject({ code: '42501' });
  });

  it('an unknown booking is 404, whatever the shape of its id', async () => {
    const a = await member();
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await modify(a, id, { date: venueDate(41), startTime: '12:00', duration: 1 });
      expect(response.status, id).toBe(404);
      expect((await json(response)).code).toBe('BOOKING_NOT_FOUND');
      expect((await cancel(a, id)).status).toBe(404);
    }
  });
});

describe('PUT /api/vip/bookings/{id}/modify', () => {
  it('moves a booking in its bay, keeps its id, re-prices it and answers the spec body', async () => {
    const a = await member();
    const booking = await insertBooking({ bay: 'Bay 2', date: venueDate(30), startTime: '12:00', profileId: a.profileId });
    const response = await modify(a, booking, { date: venueDate(31), startTime: '15:00', duration: 2 });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      message: 'Booking modified successfully.',
      booking: { id: booking, date: venueDate(31), startTime: '15:00', duration: 2, bay: 'Bay 2', status: 'confirmed' },
    });
    const row = await bookingRow(booking);
    expect(row).toMatchObject({ local: `${venueDate(31)} 15:00`, duration_hours: '2.0', change_sequence: 1, bay: 'Bay 2' });
    expect(row.price_thb).toBeGreaterThan(0);
    const jobs = await sql<{ kind: string; dedupe_key: string }>('select kind, dedupe_key from public.outbox_jobs where booking_id = $1 order by kind', [booking]);
    expect(jobs).toEqual([
      { kind: 'booking_change_email', dedupe_key: `booking_change_email:${booking}:1` },
      // The reminder queued with the booking follows it to its new start (booking-reminders.test.ts).
      { kind: 'booking_reminder_email', dedupe_key: `booking_reminder_email:${booking}:${Date.parse(`${venueDate(31)}T15:00:00+07:00`) / 1000}` },
      { kind: 'calendar_event_update', dedupe_key: `calendar_event_update:${booking}:1` },
    ]);
    // A second change is its own change, with its own jobs.
    expect((await modify(a, booking, { date: venueDate(31), startTime: '17:00', duration: 2 })).status).toBe(200);
    expect(await sql('select count(*)::int as n from public.outbox_jobs where booking_id = $1', [booking])).toEqual([{ n: 5 }]);
  });

  it('refuses past and cancelled bookings (403) and bad input (400)', async () => {
    const a = await member();
    const past = await insertBooking({ bay: 'Bay 2', date: venueDate(-2), startTime: '12:00', profileId: a.profileId });
    const cancelled = await insertBooking({ bay: 'Bay 2', date: venueDate(33), startTime: '12:00', profileId: a.profileId, status: 'cancelled' });
    for (const id of [past, cancelled]) {
      const response = await modify(a, id, { date: venueDate(34), startTime: '12:00', duration: 1 });
      expect(response.status).toBe(403);
      expect((await json(response)).code).toBe('BOOKING_NOT_MODIFIABLE');
    }
    const live = await insertBooking({ bay: 'Bay 2', date: venueDate(35), startTime: '12:00', profileId: a.profileId });
    for (const body of [{ date: venueDate(36), startTime: '12:15', duration: 1 }, { date: venueDate(36), startTime: '12:00', duration: 0.7 }, { date: venueDate(-1), startTime: '12:00', duration: 1 }, {}]) {
      expect((await modify(a, live, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await bookingRow(live)).local).toBe(`${venueDate(35)} 12:00`);
  });

  it('into a taken slot: 409 with alternatives, and the booking is unchanged', async () => {
    const a = await member();
    const mine = await insertBooking({ bay: 'Bay 1', date: venueDate(37), startTime: '12:00', profileId: a.profileId });
    await insertBooking({ bay: 'Bay 1', date: venueDate(37), startTime: '16:00', hours: 2 });
    const response = await modify(a, mine, { date: venueDate(37), startTime: '17:00', duration: 1 });
    expect(response.status).toBe(409);
    const body = await json<{ code: string; details: { bay: string; alternativeTimes: string[] } }>(response);
    expect(body.code).toBe('SLOT_UNAVAILABLE');
    expect(body.details.bay).toBe('Bay 1');
    expect(body.details.alternativeTimes.length).toBeGreaterThan(0);
    expect(await bookingRow(mine)).toMatchObject({ local: `${venueDate(37)} 12:00`, change_sequence: 0 });
    // Only the reminder queued when it was booked.
    expect(await sql('select kind from public.outbox_jobs where booking_id = $1', [mine])).toEqual([{ kind: 'booking_reminder_email' }]);
  });

  it('concurrent modify and create of one slot leave exactly one booking there', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await member();
      // Within the guest horizon (60 days, public.venue_settings): the create is a guest's.
      const date = venueDate(52 + round);
      const mine = await insertBooking({ bay: 'Bay 1', date, startTime: '10:00', profileId: a.profileId });
      const [modified, created] = await Promise.all([
        modify(a, mine, { date, startTime: '14:00', duration: 1 }),
        call(createRoute, 'POST', '/api/bookings/create', {
          body: { date, startTime: '14:00', duration: 1, bay: 'Bay 1', customerName: 'Racer', customerEmail: 'racer@example.test', customerPhone: '0812345678', numberOfPeople: 1 },
        }),
      ]);
      expect([modified.status, created.status].sort()).toEqual([200, 409]);
      const [{ n }] = (await sql<{ n: number }>(
        `select count(*)::int as n from public.bookings b join public.bays bay on bay.id = b.bay_id
         where bay.name = 'Bay 1' and b.status <> 'cancelled' and b.starts_at = ($1::date + time '14:00') at time zone 'Asia/Bangkok'`,
        [date],
      )) as [{ n: number }];
      expect(n).toBe(1);
    }
  });

  it('a modify that PostgreSQL ends as a deadlock victim is run again: 409 for the slot, not a 500', async () => {
    const a = await member();
    const date = venueDate(76);
    const mine = await insertBooking({ bay: 'Bay 1', date, startTime: '10:00', profileId: a.profileId });
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      // This session waits 10 s before looking for deadlocks, the app's 1 s: the app's transaction is the victim.
      await other.query(`set deadlock_timeout = '10s'`);
      const [{ pid }] = (await other.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [{ pid: number }];
      await other.query('begin');
      await other.query(
        `insert into public.bookings (reference, bay_id, starts_at, ends_at, duration_hours, number_of_people, customer_name, customer_email, customer_phone)
         select 'BK' || to_char($1::date, 'YYMMDD') || 'DEADLOCK', b.id, ($1::date + time '14:00') at time zone 'Asia/Bangkok', ($1::date + time '15:00') at time zone 'Asia/Bangkok',
                1, 1, 'Other', 'other@example.test', '0812345678'
         from public.bays b where b.name = 'Bay 1'`,
        [date],
      );
      // The modify locks its booking, then waits for this uncommitted booking of the same slot ...
      const modified = modify(a, mine, { date, startTime: '14:00', duration: 1 });
      for (let i = 0; i < 100; i++) {
        const waiting = await sql(`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> $1`, [pid]);
        if (waiting.length) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // ... and this session now waits for the modify's booking: a deadlock, which ends the modify's transaction.
      await other.query('update public.bookings set notes = $2 where id = $1', [mine, 'touched']);
      await other.query('commit');
      const response = await modified;
      expect(response.status).toBe(409);
      expect((await json(response)).code).toBe('SLOT_UNAVAILABLE');
      expect(await bookingRow(mine)).toMatchObject({ local: `${date} 10:00`, change_sequence: 0 });
    } finally {
      await other.end();
    }
  });

  it('keeps the package: a longer booking draws more hours, and is refused when the package lacks them', async () => {
    const a = await member();
    const packageId = await packageFor(a, 3, 1);
    const booking = await insertBooking({ bay: 'Bay 2', date: venueDate(44), startTime: '12:00', profileId: a.profileId, customerId: a.customerId });
    await sql('update public.bookings set package_id = $1, price_thb = 0 where id = $2', [packageId, booking]);
    expect((await modify(a, booking, { date: venueDate(44), startTime: '12:00', duration: 3 })).status).toBe(200);
    expect(await usedHours(packageId)).toBe(3);
    const tooLong = await modify(a, booking, { date: venueDate(44), startTime: '12:00', duration: 4 });
    expect(tooLong.status).toBe(409);
    expect((await json(tooLong)).code).toBe('PACKAGE_HOURS_INSUFFICIENT');
    expect(await usedHours(packageId)).toBe(3);
    expect((await modify(a, booking, { date: venueDate(44), startTime: '13:00', duration: 1 })).status).toBe(200);
    expect(await usedHours(packageId)).toBe(1);
    expect((await bookingRow(booking)).price_thb).toBe(0);
  });
});

describe('POST /api/vip/bookings/{id}/cancel', () => {
  it('cancels, returns the package hours once, and a second cancel answers the booking as it is', async () => {
    const a = await member();
    const packageId = await packageFor(a, 10, 2);
    const booking = await insertBooking({ bay: 'Bay 2', date: venueDate(46), startTime: '12:00', hours: 2, profileId: a.profileId, customerId: a.customerId });
    await sql('update public.bookings set package_id = $1, price_thb = 0 where id = $2', [packageId, booking]);
    const first = await cancel(a, booking, { cancellationReason: 'Change of plans' });
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({
      message: 'Booking cancelled successfully.',
      booking: { id: booking, status: 'cancelled', cancellationReason: 'Change of plans' },
    });
    expect(await usedHours(packageId)).toBe(0);
    const again = await cancel(a, booking, { cancellationReason: 'Something else' });
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual({
      message: 'Booking was already cancelled.',
      booking: { id: booking, status: 'cancelled', cancellationReason: 'Change of plans' },
    });
    expect(await usedHours(packageId)).toBe(0);
    const jobs = await sql<{ kind: string }>('select kind from public.outbox_jobs where booking_id = $1 order by kind', [booking]);
    expect(jobs.map((j) => j.kind)).toEqual(['booking_cancellation_email', 'booking_reminder_email', 'calendar_event_delete']);
    // The package page agrees with the bookings.
    const packages = await json<{ activePackages: Array<{ id: string; usedHours: number; remainingHours: number }> }>(
      await call(packagesRoute, 'GET', '/api/vip/packages', { headers: auth(a) }),
    );
    expect(packages.activePackages.find((p) => p.id === packageId)).toMatchObject({ usedHours: 0, remainingHours: 10 });
  });

  it('concurrent double cancels return the hours exactly once', async () => {
    const a = await member();
    const packageId = await packageFor(a, 10, 6);
    const bookings: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await insertBooking({ bay: 'Bay 2', date: venueDate(50 + i), startTime: '12:00', hours: 2, profileId: a.profileId });
      await sql('update public.bookings set package_id = $1, price_thb = 0 where id = $2', [packageId, id]);
      bookings.push(id);
    }
    const responses = await Promise.all(bookings.flatMap((id) => [cancel(a, id), cancel(a, id), cancel(a, id)]));
    expect(responses.map((r) => r.status)).toEqual(Array(9).fill(200));
    expect(await usedHours(packageId)).toBe(0);
    const [{ n }] = (await sql<{ n: number }>(`select count(*)::int as n from public.outbox_jobs where booking_id = any($1) and kind = 'booking_cancellation_email'`, [bookings])) as [{ n: number }];
    expect(n).toBe(3);
  });

  it('refuses a past booking and cannot modify a cancelled one', async () => {
    const a = await member();
    const past = await insertBooking({ bay: 'Bay 2', date: venueDate(-1), startTime: '12:00', profileId: a.profileId });
    const response = await cancel(a, past);
    expect(response.status).toBe(403);
    expect((await json(response)).code).toBe('BOOKING_NOT_MODIFIABLE');
    expect((await cancel(a, past, { cancellationReason: 'x'.repeat(501) })).status).toBe(400);
  });
});
