import { describe, expect, it } from 'vitest';
import { POST as checkRoute } from '@/app/api/availability/check/route';
import { GET as availabilityRoute } from '@/app/api/availability/route';
import type { AvailabilityCheckResult, AvailabilityResult } from '@/lib/db/functions';
import { addDays, venueToday } from '@/lib/venue/venue-clock';
import { insertBooking, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { sql } from '../support/sql';
import { openAroundTheClock } from '../support/venue-clock';

type Availability = AvailabilityResult;
type Check = AvailabilityCheckResult;

const getAvailability = async (date: string) => json<Availability>(await call(availabilityRoute, 'GET', `/api/availability?date=${date}`));
const check = async (body: Record<string, unknown>) => {
  const response = await call(checkRoute, 'POST', '/api/availability/check', { body });
  expect(response.status).toBe(200);
  return json<Check>(response);
};
const slot = (availability: Availability, bay: string, startTime: string) =>
  availability.availableSlots.find((candidate) => candidate.bay === bay && candidate.startTime === startTime);

// Hours of the venue's clock now, computed independently of the server's time zone.
function bangkokNow(): { date: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Bangkok', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  const hour = Number(parts.find((part) => part.type === 'hour')!.value);
  const minute = Number(parts.find((part) => part.type === 'minute')!.value);
  return { date: venueToday(), minutes: hour * 60 + minute };
}

describe('GET /api/availability', () => {
  it('answers every active bay hourly from opening to closing, with prices by band and day type', async () => {
    expect(process.env.TZ).toBe('America/New_York');
    // A Wednesday and a Saturday at least a week ahead.
    let weekday = venueDate(8);
    while (new Date(`${weekday}T00:00:00Z`).getUTCDay() !== 3) weekday = addDays(weekday, 1);
    const saturday = addDays(weekday, 3);

    const response = await call(availabilityRoute, 'GET', `/api/availability?date=${weekday}`);
    expect(response.status).toBe(200);
    const body = await json<Availability>(response);
    expect(body.date).toBe(weekday);
    expect(body.fullyBooked).toBe(false);
    const bays = [...new Set(body.availableSlots.map((s) => s.bay))];
    expect(bays).toEqual(['Bay 1', 'Bay 2', 'Bay 3', 'AI Lab']);
    expect(body.availableSlots).toHaveLength(13 * 4);
    for (const bay of bays) {
      const times = body.availableSlots.filter((s) => s.bay === bay).map((s) => s.startTime);
      expect(times[0]).toBe('10:00');
      expect(times.at(-1)).toBe('22:00');
    }
    expect(slot(body, 'Bay 1', '10:00')).toEqual({ startTime: '10:00', endTime: '11:00', bay: 'Bay 1', bayTh: 'เบย์ 1', capacity: 5, price: 500, available: true, status: 'open' });
    expect(slot(body, 'Bay 1', '17:00')?.price).toBe(700);
    expect(slot(body, 'AI Lab', '10:00')).toMatchObject({ capacity: 2, price: 800 });

    const weekend = await getAvailability(saturday);
    expect(slot(weekend, 'Bay 2', '12:00')?.price).toBe(600);
    expect(slot(weekend, 'Bay 2', '13:00')?.price).toBe(800);
  });

  it('marks booked hours of each bay taken, ignores cancelled bookings and touching hours stay free', async () => {
    const date = venueDate(9);
    await insertBooking({ bay: 'Bay 2', date, startTime: '14:00', hours: 2 });
    await insertBooking({ bay: 'AI Lab', date, startTime: '10:30', hours: 1 });
    await insertBooking({ bay: 'Bay 3', date, startTime: '18:00', hours: 3, status: 'cancelled' });

    const body = await getAvailability(date);
    const taken = body.availableSlots.filter((s) => !s.available).map((s) => `${s.bay} ${s.startTime}`);
    expect(taken.sort()).toEqual(['AI Lab 10:00', 'AI Lab 11:00', 'Bay 2 14:00', 'Bay 2 15:00']);
    expect(slot(body, 'Bay 2', '13:00')?.available).toBe(true);
    expect(slot(body, 'Bay 2', '16:00')?.available).toBe(true);
  });

  it('places a booking that crosses midnight UTC on its Bangkok date only', async () => {
    // Open around the clock for this test, so hours on both sides of 07:00 Bangkok (00:00 UTC) exist.
    const restore = await openAroundTheClock();
    try {
      const date = venueDate(21); // neighbours 20 and 22 are used by no other test
      // 05:00-09:00 Bangkok = 22:00 UTC the day before to 02:00 UTC.
      await insertBooking({ bay: 'Bay 1', date, startTime: '05:00', hours: 4 });
      const day = await getAvailability(date);
      const taken = day.availableSlots.filter((s) => s.bay === 'Bay 1' && !s.available).map((s) => s.startTime);
      expect(taken).toEqual(['05:00', '06:00', '07:00', '08:00']);
      expect(day.availableSlots.filter((s) => s.bay === 'Bay 1')).toHaveLength(24);

      const dayBefore = await getAvailability(addDays(date, -1));
      expect(dayBefore.availableSlots.every((s) => s.available)).toBe(true);
      const dayAfter = await getAvailability(addDays(date, 1));
      expect(dayAfter.availableSlots.every((s) => s.available)).toBe(true);
    } finally {
      await restore();
    }
  });

  it("takes today from Bangkok's clock: hours already started are not bookable, later ones are", async () => {
    const restore = await openAroundTheClock();
    try {
      const now = bangkokNow();
      const body = await getAvailability(now.date);
      expect(body.availableSlots.length).toBe(24 * 4);
      for (const s of body.availableSlots) {
        const [hour, minute] = s.startTime.split(':').map(Number) as [number, number];
        const startMinutes = hour * 60 + minute;
        // A minute of slack either side of the boundary for the time the request takes.
        if (startMinutes <= now.minutes - 1) expect(s.available, `${s.bay} ${s.startTime}`).toBe(false);
        // Later hours are bookable once the minimum notice (30 minutes, public.venue_settings) is left.
        if (startMinutes > now.minutes + 30 + 1) expect(s.available, `${s.bay} ${s.startTime}`).toBe(true);
      }
    } finally {
      await restore();
    }
  });

  it('shows a past date as not bookable and fully booked', async () => {
    const body = await getAvailability(venueDate(-3));
    expect(body.availableSlots.length).toBeGreaterThan(0);
    expect(body.availableSlots.every((s) => !s.available)).toBe(true);
    expect(body.fullyBooked).toBe(true);
  });

  it('reports fullyBooked when every slot of every bay is taken', async () => {
    const date = venueDate(11);
    for (const bay of ['Bay 1', 'Bay 2', 'Bay 3', 'AI Lab']) {
      await insertBooking({ bay, date, startTime: '10:00', hours: 5 });
      await insertBooking({ bay, date, startTime: '15:00', hours: 5 });
      await insertBooking({ bay, date, startTime: '20:00', hours: 3 });
    }
    const body = await getAvailability(date);
    expect(body.fullyBooked).toBe(true);
  });

  it('answers an empty day when the venue is closed', async () => {
    const date = venueDate(12);
    const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    await sql('delete from public.opening_hours where weekday = $1', [weekday]);
    try {
      const body = await getAvailability(date);
      expect(body).toEqual({ date, availableSlots: [], fullyBooked: true, bookableFrom: expect.any(String), bookableUntil: venueDate(60), memberBookableUntil: venueDate(90) });
    } finally {
      await sql(`insert into public.opening_hours (weekday, opens, closes) values ($1, '10:00', '23:00')`, [weekday]);
    }
  });

  it.each([
    ['', 'Date is required, as YYYY-MM-DD'],
    ['date=2026-13-01', 'Date does not exist'],
    ['date=2026-02-30', 'Date does not exist'],
    ['date=20261201', 'Date must be YYYY-MM-DD'],
    ["date=2026-12-01'%3B--", 'Date must be YYYY-MM-DD'],
    ['date=1999-12-31', 'Date is out of range'],
  ])('rejects ?%s with 400 and a field message', async (query, message) => {
    const response = await call(availabilityRoute, 'GET', `/api/availability?${query}`);
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body).toMatchObject({ error: 'Validation failed', code: 'VALIDATION_ERROR', path: '/api/availability' });
    expect((body.details as { fields: Record<string, string> }).fields.date).toContain(message.split(' ')[0]!);
    expect(typeof body.timestamp).toBe('string');
  });

  it('answers 304 to If-None-Match with the current ETag, and a new ETag once a booking changes the day', async () => {
    const date = venueDate(13);
    const first = await call(availabilityRoute, 'GET', `/api/availability?date=${date}`);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300');
    expect(first.headers.get('last-modified')).toMatch(/GMT$/);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const revalidated = await call(availabilityRoute, 'GET', `/api/availability?date=${date}`, { headers: { 'If-None-Match': etag } });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(revalidated.headers.get('etag')).toBe(etag);

    await insertBooking({ bay: 'Bay 1', date, startTime: '12:00' });
    // The promise is within 1 s: the instance's cache learns of the change by its LISTEN connection.
    let changed: Response | undefined;
    await expect
      .poll(async () => (changed = await call(availabilityRoute, 'GET', `/api/availability?date=${date}`, { headers: { 'If-None-Match': etag } })).status, { timeout: 1000, interval: 20 })
      .toBe(200);
    expect(changed!.headers.get('etag')).not.toBe(etag);
  });

  it('rate-limits a client at 100 requests a minute with the spec headers and 429 body', async () => {
    const ip = '192.0.2.77';
    const date = venueDate(14);
    let last: Response | undefined;
    for (let i = 1; i <= 100; i++) {
      last = await call(availabilityRoute, 'GET', `/api/availability?date=${date}`, { ip });
      expect(last.status).toBe(200);
    }
    expect(last!.headers.get('x-ratelimit-limit')).toBe('100');
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await call(availabilityRoute, 'GET', `/api/availability?date=${date}`, { ip });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('100');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await json(limited);
    expect(body).toMatchObject({ error: 'Too many requests', code: 'RATE_LIMIT_EXCEEDED', details: { limit: 100, remaining: 0 }, path: '/api/availability' });
    expect(Date.parse((body.details as { resetTime: string }).resetTime) / 1000).toBe(reset);

    // Another client is not affected.
    const other = await call(availabilityRoute, 'GET', `/api/availability?date=${date}`, { ip: '192.0.2.78' });
    expect(other.status).toBe(200);
  });
});

describe('POST /api/availability/check', () => {
  it('assigns the first free bay when none is asked, and the asked bay when it is free', async () => {
    const date = venueDate(15);
    await insertBooking({ bay: 'Bay 1', date, startTime: '14:00', hours: 2 });
    expect(await check({ date, startTime: '14:00', duration: 2 })).toEqual({
      available: true,
      assignedBay: 'Bay 2',
      conflictReason: null,
      alternativeTimes: [],
    });
    expect(await check({ date, startTime: '16:00', duration: 1, bay: 'Bay 1' })).toMatchObject({ available: true, assignedBay: 'Bay 1' });
  });

  it('says why a booked bay is not available and suggests only start times that really fit', async () => {
    const date = venueDate(16);
    await insertBooking({ bay: 'Bay 1', date, startTime: '12:00', hours: 2 });
    await insertBooking({ bay: 'Bay 1', date, startTime: '15:00', hours: 1 });
    await insertBooking({ bay: 'Bay 1', date, startTime: '17:00', hours: 1 });
    const result = await check({ date, startTime: '14:00', duration: 2, bay: 'Bay 1' });
    expect(result).toMatchObject({ available: false, assignedBay: null, conflictReason: 'Bay already booked' });
    expect(result.alternativeTimes.length).toBe(3);
    expect(result.alternativeTimes).toEqual([...result.alternativeTimes].sort());
    for (const time of result.alternativeTimes) {
      const again = await check({ date, startTime: time, duration: 2, bay: 'Bay 1' });
      expect(again.available, `${time} was suggested`).toBe(true);
    }
    // Nearest fitting starts: 10:00 (10-12) and 18:00, 19:00 (after the 17:00 booking).
    expect(result.alternativeTimes).toEqual(['10:00', '18:00', '19:00']);
  });

  it('looks across all bays with room when no bay is asked, and suggests nothing when nothing fits', async () => {
    const date = venueDate(17);
    for (const bay of ['Bay 1', 'Bay 2', 'Bay 3', 'AI Lab']) await insertBooking({ bay, date, startTime: '10:00', hours: 5 });
    for (const bay of ['Bay 1', 'Bay 2', 'Bay 3', 'AI Lab']) await insertBooking({ bay, date, startTime: '15:00', hours: 5 });
    for (const bay of ['Bay 1', 'Bay 2', 'Bay 3']) await insertBooking({ bay, date, startTime: '20:00', hours: 3 });
    // Only the AI Lab is free, 20:00-23:00, and it takes two people.
    const four = await check({ date, startTime: '21:00', duration: 1, numberOfPeople: 4 });
    expect(four).toEqual({ available: false, assignedBay: null, conflictReason: 'No bay available at this time', alternativeTimes: [] });
    const two = await check({ date, startTime: '21:00', duration: 1, numberOfPeople: 2 });
    expect(two).toMatchObject({ available: true, assignedBay: 'AI Lab' });
    const long = await check({ date, startTime: '12:00', duration: 3 });
    expect(long.available).toBe(false);
    expect(long.alternativeTimes).toEqual(['20:00']);
  });

  it('refuses times outside opening hours, in the past, or beyond a bay capacity', async () => {
    const date = venueDate(18);
    expect(await check({ date, startTime: '22:00', duration: 2 })).toMatchObject({ available: false, conflictReason: 'Outside opening hours' });
    expect(await check({ date, startTime: '08:00', duration: 1 })).toMatchObject({ available: false, conflictReason: 'Outside opening hours' });
    expect(await check({ date: venueDate(-1), startTime: '12:00', duration: 1 })).toEqual({
      available: false,
      assignedBay: null,
      conflictReason: 'Requested time is in the past',
      alternativeTimes: [],
    });
    expect(await check({ date, startTime: '12:00', duration: 1, bay: 'AI Lab', numberOfPeople: 3 })).toMatchObject({
      available: false,
      conflictReason: 'AI Lab takes at most 2 people',
    });
  });

  it.each([
    [{ date: '2026-02-30', startTime: '12:00', duration: 1 }, 'date'],
    [{ date: '2030-01-01', startTime: '12:15', duration: 1 }, 'startTime'],
    [{ date: '2030-01-01', startTime: '25:00', duration: 1 }, 'startTime'],
    [{ date: '2030-01-01', startTime: '12:00', duration: 0 }, 'duration'],
    [{ date: '2030-01-01', startTime: '12:00', duration: 1.25 }, 'duration'],
    [{ date: '2030-01-01', startTime: '12:00', duration: '2' }, 'duration'],
    [{ date: '2030-01-01', startTime: '12:00', duration: 6 }, 'duration'],
    [{ startTime: '12:00', duration: 1 }, 'date'],
    [{ date: '2030-01-01', startTime: '12:00', duration: 1, bay: 'Bay 99' }, 'bay'],
  ])('rejects %j with 400 naming %s', async (body, field) => {
    const response = await call(checkRoute, 'POST', '/api/availability/check', { body });
    expect(response.status).toBe(400);
    const envelope = await json(response);
    expect(envelope.code).toBe('VALIDATION_ERROR');
    expect(Object.keys((envelope.details as { fields: object }).fields)).toContain(field);
  });

  it('rejects a body that is not JSON with 400, never 500', async () => {
    const response = await call(checkRoute, 'POST', '/api/availability/check', { body: '{"date": ' });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ code: 'VALIDATION_ERROR', details: { fields: { body: 'Request body must be valid JSON' } } });
  });
});
