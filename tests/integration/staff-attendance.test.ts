import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as attendanceRoute } from '@/app/api/staff/bookings/[bookingId]/attendance/route';
import { GET as daySheetRoute } from '@/app/api/staff/day-sheet/route';
import { anonCaller, rpc } from '@/lib/db';
import type { DaySheet, DaySheetBooking } from '@/lib/db/functions';
import { insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { resetRateLimits } from '../support/rate-limits';
import { sql, sqlAs } from '../support/sql';
import { createStaffMember, emailSession, type StaffFixture } from '../support/staff';
import { bangkok, freezeVenueClock, thawVenueClock } from '../support/venue-clock';

/**
 * Check-in and no-show from the day sheet (issue #16): staff only, each recorded under the staff
 * account with its time, on the booking's own day, once however often it is tapped.
 */

const DAY = venueDate(30);
let staff: StaffFixture;
let started: string;
let later: string;
let tomorrow: string;

beforeAll(async () => {
  // 15:30 at the venue on DAY: the 14:00 booking has started, the 18:00 one has not.
  await freezeVenueClock(bangkok(DAY, '15:30'));
  staff = await createStaffMember('staff', 'Mint (desk)');
  const email = `attend-${randomSuffix()}@example.test`;
  started = await insertBooking({ bay: 'Bay 1', date: DAY, startTime: '14:00', hours: 2 });
  later = await insertBooking({ bay: 'Bay 2', date: DAY, startTime: '18:00' });
  tomorrow = await insertBooking({ bay: 'Bay 1', date: venueDate(31), startTime: '18:00' });
  // One customer's three bookings (by email), so a no-show of one shows on the others.
  await sql('update public.bookings set customer_email = $1 where id = any($2)', [email, [started, later, tomorrow]]);
});
afterAll(thawVenueClock);

const record = (bookingId: string, outcome: unknown, headers: Record<string, string> = staff.headers) =>
  call(attendanceRoute, 'POST', `/api/staff/bookings/${bookingId}/attendance`, { headers, body: { outcome }, params: { bookingId } });
const rowsOf = (bookingId: string) =>
  sql<{ outcome: string; staff_member_id: string; staff_email: string; recorded_at: Date }>('select outcome, staff_member_id, staff_email, recorded_at from public.booking_attendance where booking_id = $1 order by id', [bookingId]);
const sheetBooking = async (id: string) => (await json<DaySheet>(await call(daySheetRoute, 'GET', `/api/staff/day-sheet?date=${DAY}`, { headers: staff.headers }))).bookings.find((b) => b.id === id)!;

describe('POST /api/staff/bookings/{bookingId}/attendance', () => {
  it('checks a booking in under the staff account, once however often it is tapped, and the sheet shows it', async () => {
    const first = await record(later, 'checked_in');
    expect(first.status).toBe(200);
    const { booking } = await json<{ booking: DaySheetBooking }>(first);
    expect(booking).toMatchObject({ id: later, attendance: { outcome: 'checked_in', recordedBy: 'Mint (desk)', recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) } });
    // Tapped again, and twice at once from two devices: still one record.
    expect((await record(later, 'checked_in')).status).toBe(200);
    await Promise.all([record(later, 'checked_in'), record(later, 'checked_in')]);
    const rows = await rowsOf(later);
    expect(rows).toEqual([{ outcome: 'checked_in', staff_member_id: staff.memberId, staff_email: staff.email, recorded_at: expect.any(Date) }]);
    expect((await sheetBooking(later)).attendance?.outcome).toBe('checked_in');
  });

  it('marks a started booking a no-show; the customer’s no-show count shows on their other bookings; a late arrival is a new record', async () => {
    expect((await sheetBooking(later)).noShowCount).toBe(0);
    const response = await record(started, 'no_show');
    expect(response.status).toBe(200);
    expect((await json<{ booking: DaySheetBooking }>(response)).booking).toMatchObject({ attendance: { outcome: 'no_show' }, noShowCount: 1 });
    expect((await sheetBooking(later)).noShowCount).toBe(1);
    // They turn up after all: checked in, the no-show no longer counts, both stay on the record.
    expect((await record(started, 'checked_in')).status).toBe(200);
    expect((await rowsOf(started)).map((r) => r.outcome)).toEqual(['no_show', 'checked_in']);
    expect((await sheetBooking(later)).noShowCount).toBe(0);
    // The record cannot be rewritten.
    await expect(sql(`update public.booking_attendance set outcome = 'no_show' where booking_id = $1`, [started])).rejects.toThrow(/FORBIDDEN/);
  });

  it("refuses a no-show before the start, another day's booking, a cancelled one, an unknown id and a bad outcome", async () => {
    const refused = async (bookingId: string, outcome: unknown, status: number, code: string) => {
      const response = await record(bookingId, outcome);
      expect(response.status, `${bookingId} ${String(outcome)}`).toBe(status);
      expect((await json(response)).code).toBe(code);
    };
    const other = await insertBooking({ bay: 'Bay 3', date: DAY, startTime: '19:00' });
    await refused(other, 'no_show', 409, 'ATTENDANCE_NOT_OPEN');
    await refused(tomorrow, 'checked_in', 409, 'ATTENDANCE_NOT_OPEN');
    await refused(tomorrow, 'no_show', 409, 'ATTENDANCE_NOT_OPEN');
    const cancelled = await insertBooking({ bay: 'Bay 3', date: DAY, startTime: '12:00', status: 'cancelled' });
    await refused(cancelled, 'checked_in', 409, 'ATTENDANCE_NOT_OPEN');
    await refused(crypto.randomUUID(), 'checked_in', 404, 'BOOKING_NOT_FOUND');
    await refused(other, 'arrived', 400, 'VALIDATION_ERROR');
    await refused(other, null, 400, 'VALIDATION_ERROR');
    const badId = await call(attendanceRoute, 'POST', '/api/staff/bookings/not-a-uuid/attendance', { headers: staff.headers, body: { outcome: 'checked_in' }, params: { bookingId: 'not-a-uuid' } });
    expect(badId.status).toBe(400);
    expect(await rowsOf(other)).toEqual([]);
    expect(await rowsOf(tomorrow)).toEqual([]);
  });

  it('refuses a customer session, a guest that typed a staff email and no credential, and SQL refuses a non-staff caller; nothing is recorded', async () => {
    await resetRateLimits();
    const booking = await insertBooking({ bay: 'AI Lab', date: DAY, startTime: '17:00' });
    const customer = await emailSession(`customer-${randomSuffix()}@example.test`);
    const typed = await emailSession(staff.email, { verified: false });
    expect((await record(booking, 'checked_in', {})).status).toBe(401);
    expect((await record(booking, 'checked_in', { Authorization: `Bearer ${customer.token}` })).status).toBe(403);
    expect((await record(booking, 'checked_in', { Authorization: `Bearer ${typed.token}` })).status).toBe(403);
    await expect(
      sqlAs('authenticated', { role: 'authenticated', sub: customer.profileId, verified_email: `customer-${randomSuffix()}@example.test` }, `select public.record_booking_attendance($1, 'checked_in')`, [booking]),
    ).rejects.toThrow(/FORBIDDEN/);
    await expect(sqlAs('anon', { role: 'anon' }, `select public.record_booking_attendance($1, 'checked_in')`, [booking])).rejects.toThrow(/permission denied/);
    expect(await rowsOf(booking)).toEqual([]);
  });

  it('a recorded attendance changes the sheet’s ETag, so a polling desk sees it', async () => {
    const first = await call(daySheetRoute, 'GET', `/api/staff/day-sheet?date=${DAY}`, { headers: staff.headers });
    const etag = first.headers.get('etag')!;
    const poll = () => call(daySheetRoute, 'GET', `/api/staff/day-sheet?date=${DAY}`, { headers: { ...staff.headers, 'If-None-Match': etag } });
    expect((await poll()).status).toBe(304);
    const booking = await insertBooking({ bay: 'AI Lab', date: DAY, startTime: '10:00' });
    const afterInsert = await poll();
    expect(afterInsert.status).toBe(200);
    const etag2 = afterInsert.headers.get('etag')!;
    expect((await record(booking, 'no_show')).status).toBe(200);
    const afterNoShow = await call(daySheetRoute, 'GET', `/api/staff/day-sheet?date=${DAY}`, { headers: { ...staff.headers, 'If-None-Match': etag2 } });
    expect(afterNoShow.status).toBe(200);
    expect((await json<DaySheet>(afterNoShow)).bookings.find((b) => b.id === booking)?.attendance?.outcome).toBe('no_show');
  });
});

describe('public.venue_today (the day the staff day sheet opens on)', () => {
  it('is the venue clock\'s date, a frozen one too, in Bangkok whatever the server\'s time zone', async () => {
    await freezeVenueClock(bangkok('2031-03-04', '23:30'));
    expect(await rpc('venue_today', {}, anonCaller)).toBe('2031-03-04');
    // 00:30 in Bangkok is still the previous day in UTC.
    await freezeVenueClock(bangkok('2031-03-05', '00:30'));
    expect(await rpc('venue_today', {}, anonCaller)).toBe('2031-03-05');
    await thawVenueClock();
    expect(await rpc('venue_today', {}, anonCaller)).toBe(venueDate(0));
  });
});
