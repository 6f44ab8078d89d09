import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { POST as cancelRoute } from '@/app/api/staff/bookings/[bookingId]/cancel/route';
import { POST as moveRoute } from '@/app/api/staff/bookings/[bookingId]/move/route';
import type { DaySheetBooking } from '@/lib/db/functions';
import { insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { resetRateLimits } from '../support/rate-limits';
import { sql } from '../support/sql';
import { createStaffMember, emailSession, type StaffFixture } from '../support/staff';
import { bangkok, freezeVenueClock, thawVenueClock } from '../support/venue-clock';

/**
 * The front desk moves and cancels bookings with a reason (issue #16) through the customers'
 * change functions, without the online rules, each change audited; the exclusion constraint
 * still decides a race with a customer booking the same slot.
 */

const DAY = venueDate(12);
let staff: StaffFixture;
beforeAll(async () => {
  staff = await createStaffMember('staff', 'Pim (desk)');
});
afterAll(thawVenueClock);

type Change = { changed: boolean; booking: DaySheetBooking };
const move = (bookingId: string, body: unknown, headers: Record<string, string> = staff.headers) =>
  call(moveRoute, 'POST', `/api/staff/bookings/${bookingId}/move`, { headers, body, params: { bookingId } });
const cancel = (bookingId: string, body: unknown, headers: Record<string, string> = staff.headers) =>
  call(cancelRoute, 'POST', `/api/staff/bookings/${bookingId}/cancel`, { headers, body, params: { bookingId } });
const auditOf = (bookingId: string) =>
  sql<{ action: string; reason: string; staff_email: string; before: { startTime: string; status: string }; after: { startTime: string; status: string } }>(
    'select action, reason, staff_email, before, after from public.booking_staff_changes where booking_id = $1 order by id',
    [bookingId],
  );
const jobsOf = (bookingId: string) => sql<{ kind: string; dedupe_key: string }>('select kind, dedupe_key from public.outbox_jobs where booking_id = $1 order by created_at, kind', [bookingId]);
const guestBooking = async (date: string, startTime: string, bay = 'Bay 1') =>
  call(createRoute, 'POST', '/api/bookings/create', {
    body: { date, startTime, duration: 1, bay, customerName: 'Race Guest', customerEmail: `race-${randomSuffix()}@example.test`, customerPhone: '+66812345678', numberOfPeople: 2 },
  });

describe('staff move and cancel', () => {
  it('moves a booking inside the online change notice, tells the customer through the outbox, and audits who, why and when', async () => {
    const bookingId = await insertBooking({ bay: 'Bay 1', date: DAY, startTime: '12:00' });
    // An hour before the start: a customer could no longer move it online.
    await freezeVenueClock(bangkok(DAY, '11:00'));
    try {
      const response = await move(bookingId, { date: DAY, startTime: '14:00', duration: 2, reason: 'Customer called: running late' });
      expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
      const { changed, booking } = await json<Change>(response);
      expect(changed).toBe(true);
      expect(booking).toMatchObject({ id: bookingId, bay: 'Bay 1', startTime: '14:00', endTime: '16:00', status: 'confirmed', staffChanges: [{ action: 'moved', reason: 'Customer called: running late', by: 'Pim (desk)', at: expect.any(String) }] });
      expect((await jobsOf(bookingId)).map((j) => j.dedupe_key)).toEqual(
        expect.arrayContaining([`booking_change_email:${bookingId}:1`, `calendar_event_update:${bookingId}:1`]),
      );
      expect(await auditOf(bookingId)).toEqual([
        expect.objectContaining({ action: 'moved', reason: 'Customer called: running late', staff_email: staff.email, before: expect.objectContaining({ startTime: '12:00' }), after: expect.objectContaining({ startTime: '14:00' }) }),
      ]);
      // The same time again changes and records nothing.
      const again = await move(bookingId, { date: DAY, startTime: '14:00', duration: 2, reason: 'again' });
      expect((await json<Change>(again)).changed).toBe(false);
      expect(await auditOf(bookingId)).toHaveLength(1);
    } finally {
      await thawVenueClock();
    }
  });

  it('cancels with a reason, once; the cancellation email is queued; a reason is required', async () => {
    const bookingId = await insertBooking({ bay: 'Bay 2', date: DAY, startTime: '16:00' });
    const missing = await cancel(bookingId, { reason: '  ' });
    expect(missing.status).toBe(400);
    expect((await json(missing)).code).toBe('VALIDATION_ERROR');
    const response = await cancel(bookingId, { reason: 'Bay maintenance' });
    expect(response.status).toBe(200);
    expect((await json<Change>(response)).booking).toMatchObject({ status: 'cancelled', cancellationReason: 'Bay maintenance' });
    expect((await jobsOf(bookingId)).map((j) => j.kind)).toContain('booking_cancellation_email');
    const twice = await cancel(bookingId, { reason: 'Bay maintenance' });
    expect((await json<Change>(twice)).changed).toBe(false);
    expect((await auditOf(bookingId)).map((a) => [a.action, a.reason, a.after.status])).toEqual([['cancelled', 'Bay maintenance', 'cancelled']]);
    // A cancelled booking is not moved back.
    expect((await move(bookingId, { date: DAY, startTime: '18:00', duration: 1, reason: 'x' })).status).toBe(403);
  });

  it('refuses a move onto a taken slot (409), an unknown booking (404), and a customer session (403), changing nothing', async () => {
    await resetRateLimits();
    const bookingId = await insertBooking({ bay: 'Bay 3', date: DAY, startTime: '12:00' });
    await insertBooking({ bay: 'Bay 3', date: DAY, startTime: '15:00' });
    const taken = await move(bookingId, { date: DAY, startTime: '15:00', duration: 1, reason: 'swap' });
    expect(taken.status).toBe(409);
    expect((await json(taken)).code).toBe('SLOT_UNAVAILABLE');
    expect((await move(crypto.randomUUID(), { date: DAY, startTime: '18:00', duration: 1, reason: 'x' })).status).toBe(404);
    const customer = await emailSession(`customer-${randomSuffix()}@example.test`);
    expect((await move(bookingId, { date: DAY, startTime: '18:00', duration: 1, reason: 'x' }, { Authorization: `Bearer ${customer.token}` })).status).toBe(403);
    expect((await cancel(bookingId, { reason: 'x' }, { Authorization: `Bearer ${customer.token}` })).status).toBe(403);
    expect((await cancel(bookingId, { reason: 'x' }, {})).status).toBe(401);
    expect(await auditOf(bookingId)).toEqual([]);
    const [row] = await sql<{ status: string; start: string }>(`select status, to_char(starts_at at time zone 'Asia/Bangkok', 'HH24:MI') as start from public.bookings where id = $1`, [bookingId]);
    expect(row).toEqual({ status: 'confirmed', start: '12:00' });
  });

  it('a staff move and a customer booking racing for the same slot: exactly one gets it', async () => {
    for (const [i, time] of ['17:00', '18:00', '19:00', '20:00'].entries()) {
      await resetRateLimits();
      const date = venueDate(13 + i);
      const bookingId = await insertBooking({ bay: 'Bay 1', date, startTime: '11:00' });
      const [moved, booked] = await Promise.all([move(bookingId, { date, startTime: time, duration: 1, reason: 'race' }), guestBooking(date, time, 'Bay 1')]);
      expect([moved.status, booked.status].sort(), `${time}: ${JSON.stringify([await moved.clone().json(), await booked.clone().json()])}`).toEqual([200, 409]);
      const [{ n }] = (await sql<{ n: number }>(
        `select count(*)::int as n from public.bookings b join public.bays bay on bay.id = b.bay_id
         where bay.name = 'Bay 1' and b.status <> 'cancelled' and b.starts_at = ($1::date + $2::time) at time zone 'Asia/Bangkok'`,
        [date, time],
      )) as [{ n: number }];
      expect(n).toBe(1);
      expect(await auditOf(bookingId)).toHaveLength(moved.status === 200 ? 1 : 0);
    }
  });
});
