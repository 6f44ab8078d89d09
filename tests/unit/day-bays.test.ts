import { describe, expect, it } from 'vitest';
import { bookingHref, dayBays } from '@/components/availability/day-bays';
import type { AvailabilitySlot, SlotStatus } from '@/lib/db/functions';
import { availabilityDay as day } from '../support/availability-day';

const slot = (bay: string, startTime: string, status: SlotStatus, price: number | null = 500): AvailabilitySlot => ({
  bay,
  startTime,
  endTime: `${String(Number(startTime.slice(0, 2)) + 1).padStart(2, '0')}:00`,
  capacity: bay === 'AI Lab' ? 2 : 5,
  price,
  available: status === 'open',
  status,
});

describe('a day of availability as the bay switcher and the grid show it', () => {
  it('keeps the bays and times in the answer order, counts free hours and finds each slot', () => {
    const shown = dayBays(day(slot('Bay 1', '10:00', 'open'), slot('AI Lab', '10:00', 'taken', 800), slot('Bay 1', '11:00', 'taken'), slot('AI Lab', '11:00', 'open', 800)));
    expect(shown.bays.map((bay) => [bay.name, bay.capacity, bay.free])).toEqual([
      ['Bay 1', 5, 1],
      ['AI Lab', 2, 1],
    ]);
    expect(shown.times).toEqual(['10:00', '11:00']);
    expect(shown.slotAt('AI Lab', '11:00')?.status).toBe('open');
    expect(shown.slotAt('Bay 2', '10:00')).toBeUndefined();
  });

  it("gives each bay its lowest shown price, 'from' when its hours cost more later, none when nothing can be booked", () => {
    const shown = dayBays(
      day(
        slot('Bay 1', '16:00', 'open', 500),
        slot('Bay 1', '17:00', 'open', 700),
        slot('Bay 2', '16:00', 'open', 500),
        slot('Bay 2', '17:00', 'taken', 700),
        // Members only still shows its price; a past or unpriced hour does not count.
        slot('Bay 3', '16:00', 'past', 300),
        slot('Bay 3', '17:00', 'members_only', 700),
        slot('AI Lab', '16:00', 'past', 800),
        slot('AI Lab', '17:00', 'not_priced', null),
      ),
    );
    expect(Object.fromEntries(shown.bays.map((bay) => [bay.name, bay.price]))).toEqual({
      'Bay 1': { lowest: 500, varies: true },
      'Bay 2': { lowest: 500, varies: false },
      'Bay 3': { lowest: 700, varies: false },
      'AI Lab': null,
    });
  });

  it('links a free, priced slot of a day not past to the booking form on it, and nothing else', () => {
    expect(bookingHref(slot('AI Lab', '18:00', 'open', 1000), '2027-01-10', false)).toBe('/book?date=2027-01-10&time=18%3A00&bay=AI+Lab');
    expect(bookingHref(slot('Bay 1', '18:00', 'taken'), '2027-01-10', false)).toBeNull();
    expect(bookingHref(slot('Bay 1', '18:00', 'members_only'), '2027-01-10', false)).toBeNull();
    expect(bookingHref(slot('Bay 1', '18:00', 'open'), '2027-01-10', true)).toBeNull();
    expect(bookingHref({ ...slot('Bay 1', '18:00', 'open'), price: null }, '2027-01-10', false)).toBeNull();
  });
});
