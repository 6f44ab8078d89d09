import { describe, expect, it } from 'vitest';
import { CreateBookingRequest } from '@/lib/bookings/schemas';
import type { AvailabilitySlot } from '@/lib/db/functions';
import { DURATIONS, estimatePrice, isChangeable, MAX_DURATION_HOURS, MAX_EMAIL, MAX_NAME, MAX_SPECIAL_REQUESTS, validateBooking, venueNowLocal } from '@/lib/venue/booking-rules';
import { DurationHours, NumberOfPeople } from '@/lib/venue/fields';

// The form (components/booking) and the API's schemas import these rules; these tests hold the two to one answer.

const valid = {
  date: '2030-01-15',
  startTime: '10:00',
  duration: 1,
  customerName: 'Somchai',
  customerEmail: 'somchai@example.com',
  customerPhone: '0812345678',
  numberOfPeople: 2,
};
const formInput = (overrides: Partial<{ duration: number; name: string; email: string; specialRequests: string }> = {}) => ({
  time: '10:00',
  bay: 'Bay 1',
  duration: overrides.duration ?? 1,
  people: 2,
  capacity: 6,
  details: {
    customerName: overrides.name ?? valid.customerName,
    customerEmail: overrides.email ?? valid.customerEmail,
    customerPhone: valid.customerPhone,
    specialRequests: overrides.specialRequests ?? '',
  },
});
const serverAccepts = (body: Record<string, unknown>) => CreateBookingRequest.safeParse({ ...valid, ...body }).success;

describe('booking durations', () => {
  it('are exactly what the API accepts, in half hours from 1 to 5', () => {
    expect(DURATIONS).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    for (const hours of DURATIONS) expect(DurationHours.safeParse(hours).success).toBe(true);
    for (const hours of [0.5, 1.25, MAX_DURATION_HOURS + 0.5, 6]) {
      expect(DurationHours.safeParse(hours).success).toBe(false);
      expect(validateBooking(formInput({ duration: hours })).duration).toBe('errorDuration');
    }
  });

  it('keep the API messages', () => {
    expect(DurationHours.safeParse(0.5).error?.issues[0]?.message).toBe('Duration must be at least 1 hour');
    expect(DurationHours.safeParse(5.5).error?.issues[0]?.message).toBe('Duration must be at most 5 hours');
    expect(NumberOfPeople.safeParse(21).error?.issues[0]?.message).toBe('At most 20 people');
  });
});

describe('validateBooking and the API agree on text limits', () => {
  it.each([
    ['customerName', 'name', MAX_NAME, 'errorName'],
    ['specialRequests', 'specialRequests', MAX_SPECIAL_REQUESTS, 'errorSpecialRequests'],
  ] as const)('%s: the longest allowed passes both, one more fails both', (apiField, formField, max, error) => {
    expect(serverAccepts({ [apiField]: 'x'.repeat(max) })).toBe(true);
    expect(validateBooking(formInput({ [formField]: 'x'.repeat(max) }))[apiField]).toBeUndefined();
    expect(serverAccepts({ [apiField]: 'x'.repeat(max + 1) })).toBe(false);
    expect(validateBooking(formInput({ [formField]: 'x'.repeat(max + 1) }))[apiField]).toBe(error);
  });

  it('customerEmail: the longest allowed passes both, one more fails both', () => {
    const email = (length: number) => `${'a'.repeat(length - '@example.com'.length)}@example.com`;
    expect(serverAccepts({ customerEmail: email(MAX_EMAIL) })).toBe(true);
    expect(validateBooking(formInput({ email: email(MAX_EMAIL) })).customerEmail).toBeUndefined();
    expect(serverAccepts({ customerEmail: email(MAX_EMAIL + 1) })).toBe(false);
    expect(validateBooking(formInput({ email: email(MAX_EMAIL + 1) })).customerEmail).toBe('errorEmail');
  });
});

describe('estimatePrice', () => {
  const slot = (startTime: string, endTime: string, price: number | null): AvailabilitySlot => ({ bay: 'Bay 1', startTime, endTime, price, available: true, status: 'open', capacity: 6 });
  it('charges each half hour half its hour, in whole baht', () => {
    const slots = [slot('10:00', '11:00', 500), slot('11:00', '12:00', 701)];
    expect(estimatePrice(slots, '10:00', 'Bay 1', 1.5)).toBe(850);
    expect(estimatePrice(slots, '10:30', 'Bay 1', 1.5)).toBe(Math.floor((500 + 701 + 701) / 2));
    expect(estimatePrice([slot('10:00', '11:00', null)], '10:00', 'Bay 1', 1)).toBeNull();
  });
});

describe('isChangeable', () => {
  it('is true for a confirmed booking that has not started, at the venue clock', () => {
    const booking = { status: 'confirmed', date: '2030-01-15', startTime: '10:00' };
    expect(isChangeable(booking, '2030-01-15 09:59')).toBe(true);
    expect(isChangeable(booking, '2030-01-15 10:00')).toBe(false);
    expect(isChangeable({ ...booking, status: 'cancelled' }, '2030-01-14 10:00')).toBe(false);
  });

  it('reads the venue clock, not the process time zone', () => {
    expect(venueNowLocal(new Date('2026-01-01T18:30:00Z'))).toBe('2026-01-02 01:30');
  });
});
