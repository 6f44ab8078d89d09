import { describe, expect, it } from 'vitest';
import { alternativeQuote, startTimePrice } from '@/components/booking/booking-rules';
import type { AvailabilitySlot } from '@/lib/db/functions';

/** One bay's hourly slots from 10:00, each [price, free]. */
const bay = (name: string, hours: [number, boolean][]): AvailabilitySlot[] =>
  hours.map(([price, free], i) => ({
    bay: name,
    startTime: `${String(10 + i).padStart(2, '0')}:00`,
    endTime: `${String(11 + i).padStart(2, '0')}:00`,
    capacity: 5,
    price,
    available: free,
    status: free ? 'open' : 'taken',
  }));

// Off-peak 500 until 12:00, peak 700 after; the AI Lab costs 300 more. Bay 1 is taken at 12:00.
const slots = [
  ...bay('Bay 1', [[500, true], [500, true], [700, false], [700, true]]),
  ...bay('AI Lab', [[800, true], [800, true], [1000, true], [1000, true]]),
];

describe('what a start-time chip costs before it is picked', () => {
  it('prices the chosen duration, across an off-peak and a peak hour', () => {
    expect(startTimePrice(slots, '11:00', 'AI Lab', 2)).toEqual({ price: 1800, hours: 2, from: false });
    expect(startTimePrice(slots, '10:00', 'Bay 1', 1.5)).toEqual({ price: 750, hours: 1.5, from: false });
  });

  it('without a chosen bay, says "from" the cheapest free bay when the bays cost differently', () => {
    expect(startTimePrice(slots, '10:00', null, 1)).toEqual({ price: 500, hours: 1, from: true });
    // Only the AI Lab is free at 12:00: one price, no "from".
    expect(startTimePrice(slots, '12:00', null, 1)).toEqual({ price: 1000, hours: 1, from: false });
  });

  it('a chosen bay that is taken at that time does not decide the price: the free bays do', () => {
    expect(startTimePrice(slots, '12:00', 'Bay 1', 1)).toEqual({ price: 1000, hours: 1, from: false });
  });

  it('prices the longest run that fits where no free bay has the whole duration', () => {
    // Bay 1 has 2 hours from 10:00 (taken at 12:00); the AI Lab has 4 but is asked for 3.
    expect(startTimePrice(slots, '10:00', 'Bay 1', 3)).toEqual({ price: 1000, hours: 2, from: false });
    expect(startTimePrice(slots, '10:00', null, 3)).toEqual({ price: 2600, hours: 3, from: false });
    expect(startTimePrice(slots, '13:00', 'Bay 1', 2)).toEqual({ price: 700, hours: 1, from: false });
  });

  it('is null when nothing is free then', () => {
    expect(startTimePrice(bay('Bay 1', [[500, false]]), '10:00', null, 1)).toBeNull();
  });
});

describe('what an alternative to a taken slot costs', () => {
  it('says how much more a later (peak) hour costs than the taken one', () => {
    expect(alternativeQuote(slots, '13:00', 'Bay 1', 1, 500)).toEqual({ price: 700, more: 200 });
    expect(alternativeQuote(slots, '11:00', 'Bay 1', 1, 700)).toEqual({ price: 500, more: 0 });
    expect(alternativeQuote(slots, '10:00', 'AI Lab', 2, 1000)).toEqual({ price: 1600, more: 600 });
    expect(alternativeQuote(slots, '10:00', 'Bay 1', 1, null)).toEqual({ price: 500, more: 0 });
  });

  it('is null where the grid has no price', () => {
    expect(alternativeQuote(slots, '10:00', 'Bay 9', 1, 500)).toBeNull();
  });
});
