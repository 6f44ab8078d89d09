import type { AvailabilityResult, AvailabilitySlot } from '../../lib/db/functions';

/** A day of GET /api/availability made of `slots` (10 January 2027, guests up to 11 March, members to 10 April), for tests of what the pages show. */
export const availabilityDay = (...slots: AvailabilitySlot[]): AvailabilityResult => ({
  date: '2027-01-10',
  availableSlots: slots,
  fullyBooked: !slots.some((s) => s.available),
  bookableFrom: '2027-01-10T14:30',
  bookableUntil: '2027-03-11',
  memberBookableUntil: '2027-04-10',
});
