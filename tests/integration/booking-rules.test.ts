import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as checkRoute } from '@/app/api/availability/check/route';
import { GET as availabilityRoute } from '@/app/api/availability/route';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { POST as manageCancelRoute } from '@/app/api/bookings/manage/cancel/route';
import { PUT as manageModifyRoute } from '@/app/api/bookings/manage/modify/route';
import { POST as vipCancelRoute } from '@/app/api/vip/bookings/[bookingId]/cancel/route';
import { PUT as vipModifyRoute } from '@/app/api/vip/bookings/[bookingId]/modify/route';
import { POST as sessionsRoute } from '@/app/api/vip/sessions/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { issueManageLink } from '@/lib/bookings/manage-links';
import type { AvailabilityCheckResult, AvailabilityResult } from '@/lib/db/functions';
import { addDays } from '@/lib/venue/venue-clock';
import { createProfile, insertBooking, venueDate } from '../support/factories';
import { call, json, randomIp } from '../support/http';
import { sql } from '../support/sql';
import { bangkok, freezeVenueClock, openAroundTheClock, thawVenueClock } from '../support/venue-clock';

/**
 * The venue's booking rules (public.venue_settings: guest horizon 60 days, member horizon 90,
 * 30 minutes' notice) at their edges, with the venue clock frozen at 00:30 Bangkok, when the
 * UTC date (and New York's, this suite's TZ) is still the day before; and the guest booking
 * limit, which a concierge VIP session and a replayed Idempotency-Key do not use up.
 */

interface Options {
  ip?: string;
  token?: string;
  key?: string;
  vipSession?: string;
}

const book = (body: Record<string, unknown>, options: Options = {}) =>
  call(createRoute, 'POST', '/api/bookings/create', {
    ip: options.ip,
    headers: {
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
      ...(options.key ? { 'Idempotency-Key': options.key } : {}),
      ...(options.vipSession ? { 'X-VIP-Session': options.vipSession } : {}),
    },
    body: {
      duration: 1,
      numberOfPeople: 2,
      customerName: 'Rule Tester',
      customerEmail: `rules-${randomBytes(3).toString('hex')}@example.test`,
      customerPhone: '0812345678',
      ...body,
    },
  });

const getDay = async (date: string) => json<AvailabilityResult>(await call(availabilityRoute, 'GET', `/api/availability?date=${date}`));
const check = async (body: Record<string, unknown>) => json<AvailabilityCheckResult>(await call(checkRoute, 'POST', '/api/availability/check', { body }));

interface WindowError {
  code: string;
  details: { reason: string; earliest: string; latest: string; lastBookableDate: string; minNoticeMinutes: number };
}

describe('the booking window, at 00:30 Bangkok', () => {
  // A day ahead of the real clock, so nothing else about it is in the past.
  const today = venueDate(3);
  const at = (time: string) => bangkok(today, time);
  let restoreHours: () => Promise<void>;

  beforeAll(async () => {
    expect(process.env.TZ).toBe('America/New_York');
    restoreHours = await openAroundTheClock();
    await freezeVenueClock(at('00:30'));
  });
  afterAll(async () => {
    await thawVenueClock();
    await restoreHours();
  });

  it('is 00:30 at the venue while UTC and New York are still on the day before', () => {
    expect(at('00:30').toISOString().slice(0, 10)).toBe(addDays(today, -1));
    expect(at('00:30').toLocaleDateString('en-CA')).toBe(addDays(today, -1));
  });

  it('books exactly the minimum notice ahead, and refuses a second later with 422 OUTSIDE_BOOKING_WINDOW', async () => {
    await freezeVenueClock(at('00:30:00'));
    expect((await book({ date: today, startTime: '01:00', bay: 'Bay 1' })).status).toBe(200);

    await freezeVenueClock(at('00:30:01'));
    const late = await book({ date: today, startTime: '01:00', bay: 'Bay 2' });
    expect(late.status).toBe(422);
    const body = await json<WindowError & { error: string; path: string; timestamp: string }>(late);
    expect(body).toMatchObject({
      code: 'OUTSIDE_BOOKING_WINDOW',
      error: expect.stringContaining('too soon'),
      path: '/api/bookings/create',
      details: { reason: 'TOO_SOON', earliest: at('01:00:01').toISOString(), lastBookableDate: addDays(today, 60), minNoticeMinutes: 30 },
    });
    expect(typeof body.timestamp).toBe('string');
    // A start that has passed stays the 400 it was.
    expect((await book({ date: today, startTime: '00:00', bay: 'Bay 2' })).status).toBe(400);
    await freezeVenueClock(at('00:30'));
  });

  it("takes the guest's last bookable date from the venue's today: today + 60 days books, the day after does not", async () => {
    const last = addDays(today, 60);
    // Taken from the UTC (or New York) date, the last day would be one earlier and this 422.
    expect((await book({ date: last, startTime: '23:00', bay: 'Bay 1' })).status).toBe(200);
    const after = await book({ date: addDays(today, 61), startTime: '00:00', bay: 'Bay 1' });
    expect(after.status).toBe(422);
    expect(await json<WindowError>(after)).toMatchObject({
      code: 'OUTSIDE_BOOKING_WINDOW',
      details: { reason: 'BEYOND_HORIZON', lastBookableDate: last, latest: bangkok(addDays(today, 61), '00:00').toISOString() },
    });
  });

  it('gives a signed-in member the member horizon (90 days): day 61 and day 90 book, day 91 does not', async () => {
    const token = await issueSessionToken(await createProfile());
    expect((await book({ date: addDays(today, 61), startTime: '00:00', bay: 'Bay 2' }, { token })).status).toBe(200);
    expect((await book({ date: addDays(today, 90), startTime: '23:00', bay: 'Bay 2' }, { token })).status).toBe(200);
    const after = await book({ date: addDays(today, 91), startTime: '00:00', bay: 'Bay 2' }, { token });
    expect(after.status).toBe(422);
    expect(await json<WindowError>(after)).toMatchObject({ details: { reason: 'BEYOND_HORIZON', lastBookableDate: addDays(today, 90) } });
  });

  it('follows the settings row: a shorter horizon refuses what was bookable a moment ago', async () => {
    await sql('update public.venue_settings set guest_booking_horizon_days = 7');
    try {
      const refused = await book({ date: addDays(today, 8), startTime: '12:00', bay: 'Bay 3' });
      expect(await json<WindowError>(refused)).toMatchObject({ code: 'OUTSIDE_BOOKING_WINDOW', details: { lastBookableDate: addDays(today, 7) } });
      expect((await book({ date: addDays(today, 7), startTime: '12:00', bay: 'Bay 3' })).status).toBe(200);
    } finally {
      await sql('update public.venue_settings set guest_booking_horizon_days = 60');
    }
  });

  it('answers a replay with its booking even once the start is inside the notice', async () => {
    const key = randomUUID();
    const request = { date: today, startTime: '02:00', bay: 'Bay 3', customerEmail: 'replay-window@example.test' };
    const first = await json<{ bookingId: string }>(await book(request, { key }));
    await freezeVenueClock(at('01:45'));
    try {
      const again = await book(request, { key });
      expect(again.status).toBe(200);
      expect((await json<{ bookingId: string }>(again)).bookingId).toBe(first.bookingId);
    } finally {
      await freezeVenueClock(at('00:30'));
    }
  });

  it('marks past, too-soon, members-only and beyond-horizon slots in the availability answer, and the check agrees', async () => {
    await sql('update public.venue_settings set min_booking_notice_minutes = 90');
    try {
      const day = await getDay(today);
      const bay3 = (startTime: string) => day.availableSlots.find((s) => s.bay === 'Bay 3' && s.startTime === startTime);
      expect(bay3('00:00')).toMatchObject({ status: 'past', available: false, price: 400 });
      expect(bay3('01:00')).toMatchObject({ status: 'too_soon', available: false });
      expect(bay3('02:00')).toMatchObject({ status: 'taken', available: false }); // the replay test's booking
      expect(bay3('03:00')).toMatchObject({ status: 'open', available: true });
      expect(day.availableSlots.find((s) => s.bay === 'Bay 1' && s.startTime === '01:00')).toMatchObject({ status: 'taken' });
      expect(day).toMatchObject({ bookableFrom: `${today}T02:00`, bookableUntil: addDays(today, 60), memberBookableUntil: addDays(today, 90) });

      const yesterday = await getDay(addDays(today, -1));
      expect(yesterday.availableSlots.every((s) => s.status === 'past')).toBe(true);
      expect(yesterday.fullyBooked).toBe(true);
      const membersOnly = await getDay(addDays(today, 62));
      expect(membersOnly.availableSlots.every((s) => s.status === 'members_only' && !s.available)).toBe(true);
      const beyond = await getDay(addDays(today, 91));
      expect(beyond.availableSlots.every((s) => s.status === 'beyond_horizon' && !s.available)).toBe(true);
      expect(beyond.fullyBooked).toBe(true);

      const soon = await check({ date: today, startTime: '01:00', duration: 1, bay: 'Bay 3' });
      expect(soon).toMatchObject({ available: false, conflictReason: 'Too soon: bookings start at least 90 minutes ahead' });
      expect(soon.alternativeTimes.every((time) => time >= '02:00')).toBe(true);
      expect(soon.alternativeTimes).toContain('03:00');
      expect(await check({ date: addDays(today, 61), startTime: '12:00', duration: 1 })).toEqual({
        available: false,
        assignedBay: null,
        conflictReason: `Beyond the booking horizon: bookable until ${addDays(today, 60)}`,
        alternativeTimes: [],
      });
      expect(await check({ date: today, startTime: '03:00', duration: 1, bay: 'Bay 3' })).toMatchObject({ available: true, assignedBay: 'Bay 3' });
    } finally {
      await sql('update public.venue_settings set min_booking_notice_minutes = 30');
    }
  });
});

describe('online changes and cancellations close 180 minutes before the start (min_change_notice_minutes)', () => {
  // Bookings at 04:00 on days ahead of the real clock (one per test); the deadline is 01:00
  // Bangkok, when UTC and New York are still on the day before.
  let day = venueDate(4);
  const at = (time: string) => bangkok(day, time);
  let restoreHours: () => Promise<void>;
  beforeAll(async () => {
    restoreHours = await openAroundTheClock();
  });
  afterAll(async () => {
    await thawVenueClock();
    await restoreHours();
  });

  async function memberBooking(bay: string) {
    const profileId = await createProfile();
    const bookingId = await insertBooking({ bay, date: day, startTime: '04:00', profileId });
    return { bookingId, headers: { Authorization: `Bearer ${await issueSessionToken(profileId)}` } };
  }
  async function managedBooking(bay: string) {
    const bookingId = await insertBooking({ bay, date: day, startTime: '04:00' });
    const url = await issueManageLink(bookingId);
    return { bookingId, headers: { 'X-Manage-Token': new URL(url!).hash.replace('#t=', '') } };
  }
  const vipModify = (b: { bookingId: string; headers: Record<string, string> }, body: unknown) =>
    call(vipModifyRoute, 'PUT', `/api/vip/bookings/${b.bookingId}/modify`, { headers: b.headers, body, params: { bookingId: b.bookingId } });
  const vipCancel = (b: { bookingId: string; headers: Record<string, string> }) =>
    call(vipCancelRoute, 'POST', `/api/vip/bookings/${b.bookingId}/cancel`, { headers: b.headers, body: {}, params: { bookingId: b.bookingId } });
  const manageModify = (b: { headers: Record<string, string> }, body: unknown) => call(manageModifyRoute, 'PUT', '/api/bookings/manage/modify', { headers: b.headers, body });
  const manageCancel = (b: { headers: Record<string, string> }) => call(manageCancelRoute, 'POST', '/api/bookings/manage/cancel', { headers: b.headers, body: {} });

  const expectClosed = async (response: Response) => {
    expect(response.status).toBe(403);
    const body = await json<{ code: string; details: { changeableUntil: string; reason: string } }>(response);
    expect(body.code).toBe('BOOKING_NOT_MODIFIABLE');
    expect(body.details.changeableUntil).toBe(at('01:00').toISOString());
    expect(body.details.reason).toContain(`until ${day} 01:00`);
    expect(body.details.reason).toContain('contact the venue');
  };

  it('lets a member move and cancel up to a second before the deadline, and refuses both at it', async () => {
    const [moved, cancelled, lateMove, lateCancel] = await Promise.all(['Bay 1', 'Bay 2', 'Bay 3', 'AI Lab'].map(memberBooking));
    await freezeVenueClock(at('00:59:59'));
    expect((await vipModify(moved!, { date: day, startTime: '05:00', duration: 1 })).status).toBe(200);
    expect((await vipCancel(cancelled!)).status).toBe(200);
    await freezeVenueClock(at('01:00:00'));
    await expectClosed(await vipModify(lateMove!, { date: day, startTime: '05:00', duration: 1 }));
    await expectClosed(await vipCancel(lateCancel!));
  });

  it('applies the same deadline to the manage link', async () => {
    day = venueDate(5);
    const [moved, cancelled, lateMove, lateCancel] = await Promise.all(['Bay 1', 'Bay 2', 'Bay 3', 'AI Lab'].map(managedBooking));
    await freezeVenueClock(at('00:59:59'));
    expect((await manageModify(moved!, { date: day, startTime: '06:00', duration: 1 })).status).toBe(200);
    expect((await manageCancel(cancelled!)).status).toBe(200);
    await freezeVenueClock(at('01:00:00'));
    await expectClosed(await manageModify(lateMove!, { date: day, startTime: '06:00', duration: 1 }));
    await expectClosed(await manageCancel(lateCancel!));
  });

  it('moves only into the booking window: not inside the notice, not after the horizon', async () => {
    day = venueDate(6);
    const member = await memberBooking('Bay 1');
    const guest = await managedBooking('Bay 2');
    const farGuest = await managedBooking('Bay 3');
    await freezeVenueClock(at('00:00:01'));
    // 00:30 is a second inside the 30 minutes' notice; 01:00 is well outside it.
    const soon = await vipModify(member, { date: day, startTime: '00:30', duration: 1 });
    expect(soon.status).toBe(422);
    expect(await json(soon)).toMatchObject({ code: 'OUTSIDE_BOOKING_WINDOW', details: { reason: 'TOO_SOON' } });
    expect((await manageModify(guest, { date: day, startTime: '01:00', duration: 1 })).status).toBe(200);
    // A guest's link moves within 60 days of the venue's today, a member up to 90.
    const far = await manageModify(farGuest, { date: addDays(day, 61), startTime: '12:00', duration: 1 });
    expect(await json(far)).toMatchObject({ code: 'OUTSIDE_BOOKING_WINDOW', details: { reason: 'BEYOND_HORIZON', lastBookableDate: addDays(day, 60) } });
    expect((await vipModify(member, { date: addDays(day, 61), startTime: '12:00', duration: 1 })).status).toBe(200);
  });
});

describe('the guest booking limit (3 an hour per address)', () => {
  async function openSession(): Promise<string> {
    const response = await call(sessionsRoute, 'POST', '/api/vip/sessions', { body: { vip_code: 'MIAMI2024' } });
    expect(response.status).toBe(200);
    return (await json<{ data: { session_token: string } }>(response)).data.session_token;
  }
  const slot = (day: number, hour: number, bay = 'Bay 1') => ({ date: venueDate(day), startTime: `${String(hour).padStart(2, '0')}:00`, bay });

  it('lets a hotel lobby book inside a VIP session without using up its address, bounded at 10 per session', async () => {
    const lobby = randomIp();
    const vipSession = await openSession();
    const inSession: number[] = [];
    for (let hour = 10; hour < 15; hour++) inSession.push((await book(slot(30, hour), { ip: lobby, vipSession })).status);
    expect(inSession).toEqual([200, 200, 200, 200, 200]);

    // The address still has all of its 3 for anonymous bookings.
    const anonymous: number[] = [];
    for (let hour = 10; hour < 14; hour++) anonymous.push((await book(slot(30, hour, 'Bay 2'), { ip: lobby })).status);
    expect(anonymous).toEqual([200, 200, 200, 429]);

    // The session has its own bound: 10 an hour, whatever the address.
    const more: Response[] = [];
    for (let hour = 15; hour < 21; hour++) more.push(await book(slot(30, hour), { ip: randomIp(), vipSession }));
    expect(more.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(more.at(-1)!.headers.get('x-ratelimit-limit')).toBe('10');
  });

  it('counts a made-up session token against the address: random tokens buy no extra bookings', async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let hour = 10; hour < 14; hour++) statuses.push((await book(slot(31, hour), { ip, vipSession: randomBytes(32).toString('hex') })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('never counts a replayed Idempotency-Key again, also once the limit is used up', async () => {
    const ip = randomIp();
    const key = randomUUID();
    const request = { ...slot(32, 10), customerEmail: 'replayed-limit@example.test' };
    const first = await json<{ bookingId: string }>(await book(request, { ip, key }));
    for (let i = 0; i < 3; i++) {
      const again = await book(request, { ip, key });
      expect(again.status).toBe(200);
      expect((await json<{ bookingId: string }>(again)).bookingId).toBe(first.bookingId);
    }
    // The replays used nothing: two more bookings fit, the fourth is refused.
    expect((await book(slot(32, 11), { ip })).status).toBe(200);
    expect((await book(slot(32, 12), { ip })).status).toBe(200);
    expect((await book(slot(32, 13), { ip })).status).toBe(429);
    // Limit reached, a network retry of the first still gets its booking.
    const retry = await book(request, { ip, key });
    expect(retry.status).toBe(200);
    expect((await json<{ bookingId: string }>(retry)).bookingId).toBe(first.bookingId);
  });

  it('counts concurrent twins of one key once: the one that waited for the first gives its hit back', async () => {
    const ip = randomIp();
    const key = randomUUID();
    const request = { ...slot(33, 10), customerEmail: 'twins@example.test' };
    const twins = await Promise.all([book(request, { ip, key }), book(request, { ip, key })]);
    expect(twins.map((response) => response.status)).toEqual([200, 200]);
    expect((await book(slot(33, 11), { ip })).status).toBe(200);
    expect((await book(slot(33, 12), { ip })).status).toBe(200);
    expect((await book(slot(33, 13), { ip })).status).toBe(429);
  });
});
