import { describe, expect, it } from 'vitest';
import { DurationHours, VenueDate, VenueStartTime } from '@/lib/venue/fields';
import { addDays, venueToday } from '@/lib/venue/venue-clock';

describe('venueToday', () => {
  it("is Bangkok's date between 00:00 and 07:00 Bangkok, when UTC is still on the day before", () => {
    expect(venueToday(new Date('2026-01-01T18:30:00Z'))).toBe('2026-01-02'); // 01:30 Bangkok
    expect(venueToday(new Date('2026-01-01T23:59:00Z'))).toBe('2026-01-02'); // 06:59 Bangkok
    expect(venueToday(new Date('2026-01-01T16:59:00Z'))).toBe('2026-01-01'); // 23:59 Bangkok
    expect(venueToday(new Date('2026-01-01T17:00:00Z'))).toBe('2026-01-02'); // midnight Bangkok
  });

  it('does not depend on the process time zone', () => {
    expect(process.env.TZ).toBe('America/New_York');
    expect(new Date('2026-01-01T18:30:00Z').getDate()).toBe(1); // New York still on the 1st
    expect(venueToday(new Date('2026-01-01T18:30:00Z'))).toBe('2026-01-02');
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('input fields', () => {
  it('accepts real calendar dates only', () => {
    expect(VenueDate.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2026-02-29', '2026-04-31', '2026-00-10', '26-01-01', '2026-1-1', '2026-01-01T00:00', 20260101, null]) {
      expect(VenueDate.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it('accepts start times on the hour or half hour', () => {
    for (const good of ['00:00', '10:30', '23:30']) expect(VenueStartTime.safeParse(good).success).toBe(true);
    for (const bad of ['24:00', '10:15', '9:00', '10:00:00', '']) expect(VenueStartTime.safeParse(bad).success, bad).toBe(false);
  });

  it('accepts durations of 1 to 5 hours in half-hour steps', () => {
    for (const good of [1, 1.5, 2, 5]) expect(DurationHours.safeParse(good).success).toBe(true);
    for (const bad of [0, 0.5, 1.25, 5.5, -1, Number.NaN, '2']) expect(DurationHours.safeParse(bad).success, String(bad)).toBe(false);
  });
});
