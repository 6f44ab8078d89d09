import { afterAll, describe, expect, it } from 'vitest';
import { GET as availabilityRoute } from '@/app/api/availability/route';
import { anonCaller, rpc } from '@/lib/db';
import type { AvailabilityResult } from '@/lib/db/functions';
import { addDays } from '@/lib/venue/venue-clock';
import { venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { bangkok, freezeVenueClock, thawVenueClock } from '../support/venue-clock';

/**
 * A day's time-dependent marks (past, too_soon, bookableFrom, the horizons) change only at
 * known instants, so its ETag and cache entry hold for the period up to the next one
 * (public.get_availability_version validUntil, migration 20261202009200) instead of one venue
 * minute: a revalidation across a minute's end is still a 304, and the first instant a mark
 * changes is a new ETag and a new answer. The venue clock is frozen (hours 10:00-23:00, notice
 * 30 minutes, hourly slots): at 12:10 the next change is just after 12:30 (13:00 comes inside
 * the notice, the earliest start moves from 13:00 to 13:30).
 */
const day = venueDate(3);
const at = (time: string) => bangkok(day, time);

const get = (headers: Record<string, string> = {}) => call(availabilityRoute, 'GET', `/api/availability?date=${day}`, { headers });
const version = () => rpc('get_availability_version', { p_date: day }, anonCaller);
const answer = () => rpc('get_availability', { p_date: day }, anonCaller);
const slot = (result: AvailabilityResult, startTime: string) => result.availableSlots.find((s) => s.bay === 'Bay 1' && s.startTime === startTime);

/** Freezes the clock and waits until this instance's cache has dropped the day (the freeze's notice). */
async function freezeAt(instant: Date): Promise<void> {
  await freezeVenueClock(instant);
  for (let i = 0; i < 50; i++) {
    if ((await get()).headers.get('server-timing') !== 'availability;desc=cache') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the frozen clock was never announced');
}

afterAll(async () => {
  await thawVenueClock();
});

describe('availability periods: an ETag holds until a mark of the day would change', () => {
  it('names the period, not the minute: the same time part and the same answer from 12:10 to a microsecond past 12:30', async () => {
    await freezeAt(at('12:10'));
    const first = await version();
    const firstAnswer = await answer();
    expect(first.validUntil).toBe(`${day}T12:30:00.000001`);
    // An instance keeps the day for the rest of the period: 20 minutes from 12:10.
    expect((await rpc('get_availability_versioned', { p_date: day }, anonCaller)).validForMs).toBe(20 * 60_000);
    expect(firstAnswer.bookableFrom).toBe(`${day}T13:00`);
    expect(slot(firstAnswer, '13:00')).toMatchObject({ status: 'open' });

    // Nineteen minutes later, and the microsecond before the change: the same period and answer.
    for (const later of ['12:29:00', '12:30:00']) {
      await freezeVenueClock(at(later));
      expect((await version()).validUntil).toBe(first.validUntil);
      expect(await answer()).toEqual(firstAnswer);
    }
    // The first instant a mark changes: a new period and a new answer.
    await freezeVenueClock(new Date(at('12:30').getTime() + 1));
    const changed = await answer();
    expect((await version()).validUntil).toBe(`${day}T13:00:00.000000`);
    expect(slot(changed, '13:00')).toMatchObject({ status: 'too_soon', available: false });
    expect(changed.bookableFrom).toBe(`${day}T13:30`);
  });

  it('ends a period when a slot starts (past) and at midnight (the horizons move)', async () => {
    // 12:45: 13:00 is already inside the notice; the next change is 13:00 starting, a
    // microsecond before the earliest start moves to 13:30.
    await freezeVenueClock(at('12:45'));
    expect((await version()).validUntil).toBe(`${day}T13:00:00.000000`);
    expect(slot(await answer(), '13:00')).toMatchObject({ status: 'too_soon' });
    await freezeVenueClock(at('13:00'));
    expect(slot(await answer(), '13:00')).toMatchObject({ status: 'past' });

    // After the last slot only midnight is left: the guest and member horizons move a day.
    await freezeVenueClock(at('23:40'));
    expect((await version()).validUntil).toBe(`${addDays(day, 1)}T00:00:00.000000`);
    const late = await answer();
    await freezeVenueClock(new Date(at('23:59:59').getTime() + 999));
    expect(await answer()).toEqual(late);
    await freezeVenueClock(bangkok(addDays(day, 1), '00:00'));
    const nextDay = await answer();
    expect(nextDay.bookableUntil).toBe(addDays(late.bookableUntil, 1));
    expect(nextDay.memberBookableUntil).toBe(addDays(late.memberBookableUntil, 1));
  });

  it('serves a revalidation with 304 while the period lasts and a new body with a new ETag once it ends', async () => {
    await freezeAt(at('15:05'));
    const first = await get();
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const body = await json<AvailabilityResult>(first);
    // Kept for the period: served without computing the day, and its ETag revalidates without a body.
    expect(['availability;desc=cache', 'availability;desc=version']).toContain((await get()).headers.get('server-timing'));
    const revalidated = await get({ 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag);

    // Past the period (16:00 comes inside the notice): a new ETag, the old one gets the new answer.
    await freezeAt(new Date(at('15:30').getTime() + 1));
    const after = await get({ 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const changed = await json<AvailabilityResult>(after);
    expect(slot(body, '16:00')).toMatchObject({ status: 'open' });
    expect(slot(changed, '16:00')).toMatchObject({ status: 'too_soon' });
  });
});
