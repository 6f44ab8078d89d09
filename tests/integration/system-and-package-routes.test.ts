import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POST as calendarRoute } from '@/app/api/bookings/calendar/create/route';
import { GET as packagesRoute } from '@/app/api/vip/packages/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { calendarEventIdFor } from '@/lib/notifications/compose/booking-ids';
import { createCustomer, createProfile, insertBooking, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { sql } from '../support/sql';

describe('POST /api/bookings/calendar/create (system)', () => {
  const key = 'system-key-for-tests-0123456789';
  beforeEach(() => {
    process.env.SYSTEM_API_KEY = key;
  });
  afterEach(() => {
    delete process.env.SYSTEM_API_KEY;
  });

  it('refuses callers without the system key', async () => {
    const bookingId = await insertBooking({ bay: 'Bay 1', date: venueDate(60), startTime: '12:00' });
    for (const headers of [{}, { Authorization: 'Bearer nope' }] as Record<string, string>[]) {
      const response = await call(calendarRoute, 'POST', '/api/bookings/calendar/create', { body: { bookingId }, headers });
      expect(response.status).toBe(401);
    }
    // A member's session is not a system credential, and a system route tests nothing else: no credential (401).
    const token = await issueSessionToken(await createProfile());
    const member = await call(calendarRoute, 'POST', '/api/bookings/calendar/create', { body: { bookingId }, headers: { Authorization: `Bearer ${token}` } });
    expect([member.status, (await json(member)).code]).toEqual([401, 'AUTH_REQUIRED']);
  });

  it("creates the booking's event through the calendar adapter, with the booking's deterministic id", async () => {
    const bookingId = await insertBooking({ bay: 'Bay 3', date: venueDate(61), startTime: '12:00' });
    const response = await call(calendarRoute, 'POST', '/api/bookings/calendar/create', {
      body: { bookingId, calendarId: 'bay3@venue.test', eventDetails: { summary: 'ignored' } },
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ success: true, calendarEventId: calendarEventIdFor(bookingId), message: 'Calendar event created successfully' });
  });

  it('answers 404 for an unknown booking and 400 for a malformed id', async () => {
    const unknown = await call(calendarRoute, 'POST', '/api/bookings/calendar/create', { body: { bookingId: randomUUID() }, headers: { Authorization: `Bearer ${key}` } });
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toMatchObject({ code: 'BOOKING_NOT_FOUND' });
    const malformed = await call(calendarRoute, 'POST', '/api/bookings/calendar/create', { body: { bookingId: 'x' }, headers: { Authorization: `Bearer ${key}` } });
    expect(malformed.status).toBe(400);
  });
});

describe('GET /api/vip/packages', () => {
  it("lists the member's own packages, active and past, and nobody else's", async () => {
    const alice = await createProfile();
    const bob = await createProfile();
    const aliceCustomer = await createCustomer();
    const bobCustomer = await createCustomer();
    await sql('update public.profiles set customer_id = $1 where id = $2', [aliceCustomer, alice]);
    await sql('update public.profiles set customer_id = $1 where id = $2', [bobCustomer, bob]);
    await sql(
      `insert into public.packages (customer_id, package_name, purchase_date, expiry_date, total_hours, used_hours) values
         ($1, 'Active 10', current_date - 5, current_date + 90, 10, 4),
         ($1, 'Used up 5', current_date - 50, null, 5, 5),
         ($1, 'Expired 8', current_date - 400, current_date - 30, 8, 1),
         ($2, 'Bob 20', current_date - 5, null, 20, 0)`,
      [aliceCustomer, bobCustomer],
    );
    const response = await call(packagesRoute, 'GET', '/api/vip/packages', { headers: { Authorization: `Bearer ${await issueSessionToken(alice)}` } });
    expect(response.status).toBe(200);
    const body = await json<{ activePackages: Record<string, unknown>[]; pastPackages: Record<string, unknown>[] }>(response);
    expect(body.activePackages).toEqual([
      expect.objectContaining({ packageName: 'Active 10', totalHours: 10, usedHours: 4, remainingHours: 6, status: 'active' }),
    ]);
    expect(body.pastPackages.map((p) => [p.packageName, p.status]).sort()).toEqual([
      ['Expired 8', 'expired'],
      ['Used up 5', 'depleted'],
    ]);
    expect(JSON.stringify(body)).not.toContain('Bob 20');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');

    const unlinked = await call(packagesRoute, 'GET', '/api/vip/packages', { headers: { Authorization: `Bearer ${await issueSessionToken(await createProfile())}` } });
    expect(await json(unlinked)).toEqual({ activePackages: [], pastPackages: [] });
    expect((await call(packagesRoute, 'GET', '/api/vip/packages')).status).toBe(401);
  });
});
