import { beforeEach, describe, expect, it } from 'vitest';
import { POST as cancelRoute } from '@/app/api/bookings/manage/cancel/route';
import { PUT as modifyRoute } from '@/app/api/bookings/manage/modify/route';
import { GET as getRoute } from '@/app/api/bookings/manage/route';
import { GET as vipBookingsRoute } from '@/app/api/vip/bookings/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { hashManageToken, issueManageLink } from '@/lib/bookings/manage-links';
import { findMyBooking } from '@/lib/vip/find-my-booking';
import { type BookingFixture, createProfile, insertBooking, venueDate } from '../support/factories';
import { call, json, randomIp } from '../support/http';
import { resetRateLimits } from '../support/rate-limits';
import { sql } from '../support/sql';

/** The token a manage link carries in its fragment. */
const tokenOf = (url: string) => new URL(url).hash.replace(/^#t=/, '');

describe('issueManageLink', () => {
  it('gives every call its own link on the public base URL; the database keeps only SHA-256 hashes', async () => {
    const bookingId = await insertBooking({ bay: 'Bay 2', date: venueDate(5), startTime: '12:00' });
    const first = await issueManageLink(bookingId);
    const second = await issueManageLink(bookingId);
    expect(first).toMatch(/^http:\/\/localhost:3000\/book\/manage#t=[0-9a-f]{64}$/);
    expect(second).not.toBe(first);
    const stored = await sql<{ token_hash: string }>('select token_hash from public.booking_manage_tokens where booking_id = $1 order by created_at', [bookingId]);
    expect(stored.map((row) => row.token_hash).sort()).toEqual([hashManageToken(tokenOf(first!)), hashManageToken(tokenOf(second!))].sort());
    // No raw token anywhere in the table.
    const raw = await sql('select 1 from public.booking_manage_tokens where token_hash in ($1, $2)', [tokenOf(first!), tokenOf(second!)]);
    expect(raw).toEqual([]);
  });

  it('follows PUBLIC_BASE_URL', async () => {
    const bookingId = await insertBooking({ bay: 'Bay 2', date: venueDate(6), startTime: '12:00' });
    const saved = process.env.PUBLIC_BASE_URL;
    process.env.PUBLIC_BASE_URL = 'https://book.golfbay.test/';
    try {
      expect(await issueManageLink(bookingId)).toMatch(/^https:\/\/book\.golfbay\.test\/book\/manage#t=[0-9a-f]{64}$/);
    } finally {
      if (saved === undefined) delete process.env.PUBLIC_BASE_URL;
      else process.env.PUBLIC_BASE_URL = saved;
    }
  });

  it('is null for a cancelled booking, one that is over, and an unknown one', async () => {
    const cancelled = await insertBooking({ bay: 'Bay 2', date: venueDate(7), startTime: '12:00', status: 'cancelled' });
    const over = await insertBooking({ bay: 'Bay 2', date: venueDate(-1), startTime: '12:00' });
    expect(await issueManageLink(cancelled)).toBeNull();
    expect(await issueManageLink(over)).toBeNull();
    expect(await issueManageLink(crypto.randomUUID())).toBeNull();
    const rows = await sql('select 1 from public.booking_manage_tokens where booking_id = any($1::uuid[])', [[cancelled, over]]);
    expect(rows).toEqual([]);
  });
});

// --- The manage-link routes ---------------------------------------------------------------

const tokenHeader = (url: string) => ({ 'X-Manage-Token': tokenOf(url) });
const getManaged = (headers: Record<string, string>, ip?: string) => call(getRoute, 'GET', '/api/bookings/manage', { headers, ip });
const modifyManaged = (headers: Record<string, string>, body: unknown, ip?: string) => call(modifyRoute, 'PUT', '/api/bookings/manage/modify', { headers, body, ip });
const cancelManaged = (headers: Record<string, string>, body: unknown = {}, ip?: string) => call(cancelRoute, 'POST', '/api/bookings/manage/cancel', { headers, body, ip });

/** A live booking and a manage link to it. */
async function managed(fixture: Partial<BookingFixture> = {}) {
  const bookingId = await insertBooking({ bay: 'Bay 3', date: venueDate(10), startTime: '12:00', ...fixture });
  const url = await issueManageLink(bookingId);
  if (!url) throw new Error('no link');
  return { bookingId, url, headers: tokenHeader(url) };
}

async function row(id: string) {
  const [found] = await sql<{ status: string; local: string; duration_hours: string; change_sequence: number; cancellation_reason: string | null }>(
    `select status, to_char(starts_at at time zone 'Asia/Bangkok', 'YYYY-MM-DD HH24:MI') as local, duration_hours::text, change_sequence, cancellation_reason
     from public.bookings where id = $1`,
    [id],
  );
  return found!;
}

beforeEach(async () => {
  await resetRateLimits();
  await sql('delete from app_private.frozen_clock');
});

describe('GET /api/bookings/manage', () => {
  it('shows the booking its token opens, with until when it can be changed online', async () => {
    const { bookingId, headers } = await managed({ date: venueDate(11), startTime: '15:00', hours: 2 });
    const response = await getManaged(headers);
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('X-RateLimit-Limit')).toBe('30');
    const body = await json<{ booking: Record<string, unknown> }>(response);
    const deadline = new Date(new Date(`${venueDate(11)}T15:00:00+07:00`).getTime() - 180 * 60_000).toISOString();
    expect(body.booking).toMatchObject({
      id: bookingId,
      date: venueDate(11),
      startTime: '15:00',
      endTime: '17:00',
      duration: 2,
      bay: 'Bay 3',
      status: 'confirmed',
      customerName: 'Test Booker',
      changeableUntil: deadline,
      changeableOnline: true,
    });
  });

  it('answers 401 without a token and the same 404 to a malformed or unknown one; a booking id alone opens nothing', async () => {
    const { bookingId } = await managed();
    const absent = await getManaged({});
    expect(absent.status).toBe(401);
    expect((await json(absent)).code).toBe('AUTH_REQUIRED');
    const answers = [];
    for (const token of ['', ' ', 'x', bookingId, hashManageToken('nope'), 'A'.repeat(64), `${'a'.repeat(63)}g`, 'a'.repeat(65), "' or 1=1 --"]) {
      const response = await getManaged(token.trim() ? { 'X-Manage-Token': token } : {});
      const body = await json(response);
      answers.push([response.status, body.code, body.details]);
    }
    // Empty counts as absent (401); everything else is one and the same 404, without details.
    expect(answers.slice(0, 2)).toEqual([
      [401, 'AUTH_REQUIRED', undefined],
      [401, 'AUTH_REQUIRED', undefined],
    ]);
    for (const answer of answers.slice(2)) expect(answer).toEqual([404, 'MANAGE_LINK_INVALID', undefined]);
    // The stored hash of a real token is not a token either.
    const [stored] = await sql<{ token_hash: string }>('select token_hash from public.booking_manage_tokens where booking_id = $1 limit 1', [bookingId]);
    expect((await getManaged({ 'X-Manage-Token': stored!.token_hash })).status).toBe(404);
  });

  it("another booking's token cannot touch this booking", async () => {
    const mine = await managed({ date: venueDate(12), startTime: '10:00' });
    const theirs = await managed({ date: venueDate(12), startTime: '14:00' });
    // Their token opens their booking, whatever is asked; mine stays as it was.
    const seen = await json<{ booking: { id: string } }>(await getManaged(theirs.headers));
    expect(seen.booking.id).toBe(theirs.bookingId);
    const moved = await modifyManaged(theirs.headers, { date: venueDate(13), startTime: '18:00', duration: 1, bookingId: mine.bookingId });
    expect(moved.status).toBe(200);
    expect((await json<{ booking: { id: string } }>(moved)).booking.id).toBe(theirs.bookingId);
    expect((await cancelManaged(theirs.headers, { cancellationReason: 'x', bookingId: mine.bookingId })).status).toBe(200);
    expect(await row(mine.bookingId)).toMatchObject({ status: 'confirmed', local: `${venueDate(12)} 10:00`, change_sequence: 0 });
    expect(await row(theirs.bookingId)).toMatchObject({ status: 'cancelled', local: `${venueDate(13)} 18:00`, change_sequence: 2 });
  });
});

describe('PUT /api/bookings/manage/modify and POST /api/bookings/manage/cancel', () => {
  it('moves the booking under the VIP modify rules, then cancels it; the token opens nothing after (410, and the page can say why)', async () => {
    const { bookingId, headers } = await managed({ date: venueDate(14), startTime: '11:00' });
    const moved = await modifyManaged(headers, { date: venueDate(15), startTime: '16:00', duration: 2 });
    expect(moved.status).toBe(200);
    const body = await json<{ message: string; booking: Record<string, unknown> }>(moved);
    expect(body).toMatchObject({ message: 'Booking modified successfully.', booking: { id: bookingId, date: venueDate(15), startTime: '16:00', endTime: '18:00', duration: 2 } });
    expect(await row(bookingId)).toMatchObject({ status: 'confirmed', local: `${venueDate(15)} 16:00`, duration_hours: '2.0', change_sequence: 1 });
    const jobs = await sql<{ kind: string }>('select kind from public.outbox_jobs where booking_id = $1 order by kind', [bookingId]);
    expect(jobs.map((j) => j.kind)).toEqual(expect.arrayContaining(['booking_change_email', 'calendar_event_update']));

    // Bad input is refused as the VIP modify refuses it.
    const invalid = await modifyManaged(headers, { date: venueDate(15), startTime: '16:15', duration: 2 });
    expect(invalid.status).toBe(400);

    const cancelled = await cancelManaged(headers, { cancellationReason: 'Flight moved' });
    expect(cancelled.status).toBe(200);
    expect(await json(cancelled)).toEqual({ message: 'Booking cancelled successfully.', booking: { id: bookingId, status: 'cancelled', cancellationReason: 'Flight moved' } });
    expect(await row(bookingId)).toMatchObject({ status: 'cancelled', cancellation_reason: 'Flight moved', change_sequence: 2 });

    for (const again of [() => getManaged(headers), () => modifyManaged(headers, { date: venueDate(16), startTime: '16:00', duration: 1 }), () => cancelManaged(headers)]) {
      const response = await again();
      expect(response.status).toBe(410);
      expect(await json(response)).toMatchObject({ code: 'MANAGE_LINK_EXPIRED', details: { reason: 'cancelled' } });
    }
    expect(await row(bookingId)).toMatchObject({ status: 'cancelled', change_sequence: 2 });
    // Nor can a new link be issued for it.
    expect(await issueManageLink(bookingId)).toBeNull();
  });

  it('refuses every use once the booking has ended, and changes inside the online notice', async () => {
    const { bookingId, headers } = await managed({ date: venueDate(3), startTime: '12:00' });
    const start = new Date(`${venueDate(3)}T12:00:00+07:00`);
    // Two hours before the start: inside the 3-hour online change notice; the page still shows it.
    await sql('insert into app_private.frozen_clock (frozen_at) values ($1)', [new Date(start.getTime() - 2 * 3600_000)]);
    const seen = await json<{ booking: { changeableOnline: boolean } }>(await getManaged(headers));
    expect(seen.booking.changeableOnline).toBe(false);
    const late = await modifyManaged(headers, { date: venueDate(3), startTime: '15:00', duration: 1 });
    expect(late.status).toBe(403);
    expect(await json(late)).toMatchObject({ code: 'BOOKING_NOT_MODIFIABLE', details: { changeableUntil: new Date(start.getTime() - 3 * 3600_000).toISOString() } });
    expect((await cancelManaged(headers)).status).toBe(403);

    // After its end: 410 ended.
    await sql('update app_private.frozen_clock set frozen_at = $1', [new Date(start.getTime() + 61 * 60_000)]);
    for (const again of [() => getManaged(headers), () => modifyManaged(headers, { date: venueDate(4), startTime: '15:00', duration: 1 }), () => cancelManaged(headers)]) {
      const response = await again();
      expect(response.status).toBe(410);
      expect(await json(response)).toMatchObject({ code: 'MANAGE_LINK_EXPIRED', details: { reason: 'ended' } });
    }
    expect(await row(bookingId)).toMatchObject({ status: 'confirmed', change_sequence: 0 });
  });

  it('a new time outside the booking window is refused as a guest is', async () => {
    const { headers } = await managed({ date: venueDate(20), startTime: '12:00' });
    const far = await modifyManaged(headers, { date: venueDate(400), startTime: '12:00', duration: 1 });
    expect(far.status).toBe(422);
    expect((await json(far)).code).toBe('OUTSIDE_BOOKING_WINDOW');
  });

  it('10 concurrent moves through one token leave one consistent booking', async () => {
    const { bookingId, headers } = await managed({ bay: 'Bay 1', date: venueDate(21), startTime: '10:00' });
    const targets = Array.from({ length: 10 }, (_, i) => ({ date: venueDate(22), startTime: `${String(10 + i).padStart(2, '0')}:00`, duration: 1 }));
    const responses = await Promise.all(targets.map((target) => modifyManaged(headers, target)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const final = await row(bookingId);
    // Serialised by the row lock: every move counted once, and the booking is where the last one put it.
    expect(final.change_sequence).toBe(10);
    expect(targets.map((t) => `${t.date} ${t.startTime}`)).toContain(final.local);
    const updates = await sql<{ n: number }>(`select count(*)::int as n from public.outbox_jobs where booking_id = $1 and kind = 'booking_change_email'`, [bookingId]);
    expect(updates[0]!.n).toBe(10);
    const live = await sql<{ n: number }>(`select count(*)::int as n from public.bookings where id = $1 and status = 'confirmed'`, [bookingId]);
    expect(live[0]!.n).toBe(1);
  });

  it('5 concurrent cancels through one token cancel once', async () => {
    const { bookingId, headers } = await managed({ bay: 'Bay 1', date: venueDate(23), startTime: '10:00' });
    const responses = await Promise.all(Array.from({ length: 5 }, () => cancelManaged(headers, { cancellationReason: 'Ill' })));
    expect(responses.map((r) => r.status).sort()).toEqual([200, 410, 410, 410, 410]);
    expect(await row(bookingId)).toMatchObject({ status: 'cancelled', change_sequence: 1 });
  });

  it('reads no body before the token: without one a malformed body is still 401', async () => {
    const response = await call(modifyRoute, 'PUT', '/api/bookings/manage/modify', { body: '{not json' });
    expect(response.status).toBe(401);
  });
});

describe('rate limits of the manage link', () => {
  it('counts every attempt per address and per token', async () => {
    const { headers } = await managed({ date: venueDate(24), startTime: '12:00' });
    const ip = randomIp();
    const fromOne = [];
    for (let i = 0; i < 31; i++) fromOne.push((await getManaged({ 'X-Manage-Token': hashManageToken(`guess-${i}`) }, ip)).status);
    expect(fromOne.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(fromOne[30]).toBe(429);

    // One token from many addresses: its own limit (20 per 10 minutes).
    const perToken = [];
    for (let i = 0; i < 21; i++) perToken.push((await getManaged(headers)).status);
    expect(perToken.slice(0, 20).every((s) => s === 200)).toBe(true);
    const limited = await getManaged(headers);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect((await json(limited)).code).toBe('RATE_LIMIT_EXCEEDED');
  });
});

describe('GET /api/vip/bookings says until when a booking can be changed online', () => {
  it('changeableUntil = start − the online change notice, for live bookings that have not started', async () => {
    const profileId = await createProfile();
    const upcoming = await insertBooking({ bay: 'Bay 2', date: venueDate(30), startTime: '09:00', profileId });
    await insertBooking({ bay: 'Bay 2', date: venueDate(31), startTime: '09:00', profileId, status: 'cancelled' });
    const response = await call(vipBookingsRoute, 'GET', '/api/vip/bookings?filter=all', { headers: { Authorization: `Bearer ${await issueSessionToken(profileId)}` } });
    expect(response.status).toBe(200);
    const { bookings } = await json<{ bookings: Array<{ id: string; status: string; changeableUntil?: string }> }>(response);
    const deadline = new Date(new Date(`${venueDate(30)}T09:00:00+07:00`).getTime() - 180 * 60_000).toISOString();
    expect(bookings.find((b) => b.id === upcoming)?.changeableUntil).toBe(deadline);
    expect(bookings.find((b) => b.status === 'cancelled')?.changeableUntil).toBeUndefined();
  });
});

describe('the confirmation page asks who may see a reference', () => {
  it("finds a member's own booking by its reference, never another member's or an unknown one", async () => {
    const owner = await createProfile();
    const other = await createProfile();
    const bookingId = await insertBooking({ bay: 'Bay 2', date: venueDate(32), startTime: '09:00', profileId: owner });
    const [{ reference }] = (await sql<{ reference: string }>('select reference from public.bookings where id = $1', [bookingId])) as [{ reference: string }];
    expect(await findMyBooking(owner, reference)).toMatchObject({ id: bookingId, reference });
    expect(await findMyBooking(other, reference)).toBeNull();
    expect(await findMyBooking(owner, 'BK261231MADEUP00')).toBeNull();
  });
});
