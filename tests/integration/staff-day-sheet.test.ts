import { describe, expect, it, beforeAll } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { GET as daySheetRoute } from '@/app/api/staff/day-sheet/route';
import type { DaySheet } from '@/lib/db/functions';
import { insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { lineToken, lineUserIdOf, TEST_CHANNEL_ID, TEST_CHANNEL_SECRET } from '../support/lucky-draw';
import { resetRateLimits } from '../support/rate-limits';
import { sql, sqlAs } from '../support/sql';
import { createStaffMember, emailSession, type StaffFixture } from '../support/staff';

/**
 * The front desk's day sheet (issue #16): staff see a day's bookings with what the desk needs,
 * nobody else does, and a poll with the last ETag costs a 304 until something on the day changes.
 */

let staff: StaffFixture;
beforeAll(async () => {
  Object.assign(process.env, { LINE_LIFF_CHANNEL_ID: TEST_CHANNEL_ID, LINE_LIFF_CHANNEL_SECRET: TEST_CHANNEL_SECRET });
  staff = await createStaffMember('staff', 'Fah (desk)');
});

const sheetOf = (date: string, headers: Record<string, string>) => call(daySheetRoute, 'GET', `/api/staff/day-sheet?date=${date}`, { headers });

const book = async (date: string, overrides: Record<string, unknown> = {}) => {
  const response = await call(createRoute, 'POST', '/api/bookings/create', {
    body: { date, startTime: '15:00', duration: 1, customerName: 'Walk Sheet', customerEmail: `sheet-${randomSuffix()}@example.test`, customerPhone: '+66812345678', numberOfPeople: 3, ...overrides },
  });
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
  return json<{ bookingId: string; bookingReference: string }>(response);
};

describe('GET /api/staff/day-sheet', () => {
  it("shows staff the day's bookings by bay and start, with customer, people, package, notes, VIP code and delivery", async () => {
    const date = venueDate(21);
    const later = await book(date, { bay: 'Bay 1', startTime: '18:00', specialRequests: 'Left-handed clubs please', numberOfPeople: 4 });
    const earlier = await book(date, { bay: 'Bay 1', startTime: '10:00' });
    const other = await book(date, { bay: 'Bay 2', startTime: '11:00' });
    await book(venueDate(22), { bay: 'Bay 1', startTime: '10:00' });
    // Attribution and a package, set as the table's owner (their own routes are tested elsewhere).
    const [concierge] = await sql<{ id: string }>(`insert into public.concierges (name, hotel_name) values ('Ploy', 'River Hotel') returning id`);
    const code = `DS${randomSuffix().toUpperCase().slice(0, 6)}`;
    await sql(`insert into public.vip_codes (code, concierge_id) values ($1, $2)`, [code, concierge!.id]);
    await sql(`update public.bookings set vip_code_id = (select id from public.vip_codes where code = $1) where id = $2`, [code, later.bookingId]);
    // The deliveries as the outbox left them: the email gave up, the LINE message went, the calendar waits.
    await sql(`update public.outbox_jobs set status = 'failed', last_error = 'SMTP down', attempts = max_attempts where booking_id = $1 and kind = 'booking_confirmation_email'`, [later.bookingId]);
    await sql(`update public.outbox_jobs set status = 'succeeded', succeeded_at = now() where booking_id = $1 and kind = 'staff_line_message'`, [later.bookingId]);
    await sql(`update public.outbox_jobs set status = 'pending', last_error = null, run_after = now() - interval '1 minute' where booking_id = $1 and kind like 'calendar_%'`, [later.bookingId]);

    const response = await sheetOf(date, staff.headers);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, max-age=0');
    const sheet = await json<DaySheet>(response);
    expect(sheet.date).toBe(date);
    expect(sheet.bays.map((b) => b.name)).toEqual(expect.arrayContaining(['Bay 1', 'Bay 2']));
    expect(sheet.bookings.map((b) => b.reference)).toEqual([earlier.bookingReference, later.bookingReference, other.bookingReference]);
    expect(sheet.bookings[1]).toMatchObject({
      id: later.bookingId,
      bay: 'Bay 1',
      startTime: '18:00',
      endTime: '19:00',
      status: 'confirmed',
      customerName: 'Walk Sheet',
      customerPhone: '+66812345678',
      numberOfPeople: 4,
      notes: 'Left-handed clubs please',
      package: null,
      member: false,
      vipCode: { code, concierge: 'Ploy', hotel: 'River Hotel' },
      delivery: { email: 'failing', line: 'sent', calendar: 'pending' },
      attendance: null,
      noShowCount: 0,
    });
    expect(sheet.bookings[0]!.vipCode).toBeNull();
  });

  it('answers 304 to a poll with the current ETag, and a new sheet after a booking, a change, a cancellation or a delivery anywhere', async () => {
    const date = venueDate(23);
    const first = await sheetOf(date, staff.headers);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"ds\.[\w-]{10}\.[0-9a-f]{32}"$/);
    expect((await json<DaySheet>(first)).bookings).toEqual([]);

    const poll = (tag: string) => sheetOf(date, { ...staff.headers, 'If-None-Match': tag });
    const unchanged = await poll(etag);
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    // Another day's booking is not this day's change.
    await book(venueDate(24));
    expect((await poll(etag)).status).toBe(304);

    const booking = await book(date, { bay: 'Bay 3', startTime: '12:00' });
    const afterBooking = await poll(etag);
    expect(afterBooking.status).toBe(200);
    const etag2 = afterBooking.headers.get('etag')!;
    expect((await json<DaySheet>(afterBooking)).bookings.map((b) => b.id)).toEqual([booking.bookingId]);

    // Notes change without touching availability: the sheet still follows.
    await sql(`update public.bookings set notes = 'Birthday' where id = $1`, [booking.bookingId]);
    const afterNotes = await poll(etag2);
    expect(afterNotes.status).toBe(200);
    const etag3 = afterNotes.headers.get('etag')!;
    expect((await json<DaySheet>(afterNotes)).bookings[0]!.notes).toBe('Birthday');

    await sql(`update public.outbox_jobs set status = 'succeeded', succeeded_at = now() where booking_id = $1 and kind = 'booking_confirmation_email'`, [booking.bookingId]);
    const afterDelivery = await poll(etag3);
    expect(afterDelivery.status).toBe(200);
    const etag4 = afterDelivery.headers.get('etag')!;
    expect((await json<DaySheet>(afterDelivery)).bookings[0]!.delivery.email).toBe('sent');

    await sql(`update public.bookings set status = 'cancelled', cancelled_at = now(), cancellation_reason = 'Rain' where id = $1`, [booking.bookingId]);
    const afterCancel = await poll(etag4);
    expect(afterCancel.status).toBe(200);
    expect((await json<DaySheet>(afterCancel)).bookings[0]).toMatchObject({ status: 'cancelled', cancellationReason: 'Rain' });

    // An ETag of another shape or a made-up version never passes for the current one.
    expect((await poll('"ds.XXXXXXXXXX.0123456789abcdef0123456789abcdef"')).status).toBe(200);
    expect((await poll('*')).status).toBe(304);
  });

  it('refuses a malformed or impossible date with 400', async () => {
    for (const date of ['2026-13-01', 'tomorrow', '2026-02-30', '', "2026-12-01'--"]) {
      const response = await sheetOf(encodeURIComponent(date), staff.headers);
      expect(response.status, date).toBe(400);
      expect((await json(response)).code).toBe('VALIDATION_ERROR');
    }
    const missing = await call(daySheetRoute, 'GET', '/api/staff/day-sheet', { headers: staff.headers });
    expect(missing.status).toBe(400);
  });

  it('refuses a customer, a guest that typed a staff email, a LINE token and no credential; SQL refuses a non-staff caller too', async () => {
    await resetRateLimits();
    const date = venueDate(21);
    const customer = await emailSession(`customer-${randomSuffix()}@example.test`);
    const typed = await emailSession(staff.email, { verified: false });
    const cases: Array<[Record<string, string>, number]> = [
      [{}, 401],
      [{ Authorization: `Bearer ${await lineToken(lineUserIdOf())}` }, 401],
      [{ Authorization: `Bearer ${customer.token}` }, 403],
      [{ Authorization: `Bearer ${typed.token}` }, 403],
    ];
    for (const [headers, status] of cases) {
      const response = await sheetOf(date, headers);
      expect(response.status).toBe(status);
      expect(JSON.stringify(await json(response))).not.toContain('Walk Sheet');
    }
    // Straight to SQL as PostgREST would run it: a member with no staff account, anon.
    await expect(
      sqlAs('authenticated', { role: 'authenticated', sub: customer.profileId, verified_email: `customer-${randomSuffix()}@example.test` }, 'select public.get_staff_day_sheet($1::date)', [date]),
    ).rejects.toThrow(/FORBIDDEN/);
    await expect(sqlAs('anon', { role: 'anon' }, 'select public.get_staff_day_sheet($1::date)', [date])).rejects.toThrow(/permission denied/);
    // A removed staff member's very next poll is refused.
    await sql('update public.staff_members set removed_at = now() where id = $1', [(await createStaffMember()).memberId]);
    const removed = await createStaffMember();
    expect((await sheetOf(date, removed.headers)).status).toBe(200);
    await sql('update public.staff_members set removed_at = now() where id = $1', [removed.memberId]);
    expect((await sheetOf(date, removed.headers)).status).toBe(403);
  });

  it('counts a guest booking made straight into the table like any other, with its customer-record fields', async () => {
    const date = venueDate(25);
    const id = await insertBooking({ bay: 'AI Lab', date, startTime: '20:00', people: 2 });
    const sheet = await json<DaySheet>(await sheetOf(date, staff.headers));
    expect(sheet.bookings).toEqual([expect.objectContaining({ id, bay: 'AI Lab', numberOfPeople: 2, delivery: { email: 'none', line: 'none', calendar: 'none' } })]);
  });
});
