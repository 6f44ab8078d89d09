import { toE164 } from '../contact/phone';
import type { AvailabilitySlot, PackageSummary } from '../db/functions';
import type { MessageKey } from '../i18n/messages';
import { VENUE_TIME_ZONE } from './venue-clock';

/**
 * The booking rules the server's zod schemas (lib/venue/fields.ts, lib/bookings/schemas.ts)
 * and the booking pages both apply, so the form never promises what the API refuses. Pure
 * and free of server-only imports (the browser bundles it); the SQL functions stay the
 * final word on prices, free bays and what can still be changed.
 */

/** The shortest session the venue sells: one hour. */
export const MIN_DURATION_HOURS = 1;
/** The longest session the venue sells: five hours. */
export const MAX_DURATION_HOURS = 5;
/** Bookings are sold and moved in half hours (create_booking prices each half hour). */
export const DURATION_STEP_HOURS = 0.5;
/** Every duration a booking may have, shortest first. */
export const DURATIONS = Array.from(
  { length: (MAX_DURATION_HOURS - MIN_DURATION_HOURS) / DURATION_STEP_HOURS + 1 },
  (_, i) => MIN_DURATION_HOURS + i * DURATION_STEP_HOURS,
);

/** A bay holds at most 20 players. */
export const MAX_PEOPLE = 20;

/** Text limits of a booking: what the columns and the confirmation email have room for. */
export const MAX_NAME = 120;
export const MAX_EMAIL = 200;
export const MAX_SPECIAL_REQUESTS = 1000;
export const MAX_BAY_NAME = 40;

/** Minutes since midnight of an HH:mm time. */
export const toMinutes = (time: string) => {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
};

export const fromMinutes = (total: number) => {
  const wrapped = ((total % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
};

/** The end time of a booking of `hours` from `start`. */
export const endTime = (start: string, hours: number) => fromMinutes(toMinutes(start) + Math.round(hours * 60));

/** The slot of `bay` that contains the minute `minute` of the day. */
export function slotContaining(slots: AvailabilitySlot[], bay: string, minute: number): AvailabilitySlot | undefined {
  return slots.find((slot) => slot.bay === bay && toMinutes(slot.startTime) <= minute && minute < (toMinutes(slot.endTime) || 1440));
}

/**
 * The price create_booking charges, from the availability grid's hourly prices: each half
 * hour costs half its hour's rate, in whole baht. Null when an hour has no price in the grid.
 */
export function estimatePrice(slots: AvailabilitySlot[], time: string, bay: string, hours: number): number | null {
  let halfHourly = 0;
  const start = toMinutes(time);
  for (let minute = start; minute < start + hours * 60; minute += 30) {
    const price = slotContaining(slots, bay, minute)?.price;
    if (price === null || price === undefined) return null;
    halfHourly += price;
  }
  return Math.floor(halfHourly / 2);
}

/** Form fields that can carry an error; `slot` covers the API's date, startTime and bay. */
export type BookingField = 'slot' | 'duration' | 'numberOfPeople' | 'customerName' | 'customerEmail' | 'customerPhone' | 'specialRequests' | 'packageId';
export type FieldErrors = Partial<Record<BookingField, MessageKey>>;

export interface DetailValues {
  customerName: string;
  customerEmail: string;
  customerPhone: string;
  specialRequests: string;
}

// Deliberately loose (the server's zod email check is the authority): something@something.tld.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A customer's name as the API takes it: trimmed, not empty, at most MAX_NAME characters. */
export const isValidName = (name: string) => name.trim().length > 0 && name.trim().length <= MAX_NAME;

/** An email the browser may send (the server's zod check decides): trimmed, something@something.tld, at most MAX_EMAIL. */
export const isValidEmail = (email: string) => EMAIL_PATTERN.test(email.trim()) && email.trim().length <= MAX_EMAIL;

/** The problems the browser can find before sending (the server checks the same and more). */
export function validateBooking(input: {
  time: string | null;
  bay: string | null;
  duration: number;
  people: number;
  capacity: number | null;
  details: DetailValues;
}): FieldErrors {
  const errors: FieldErrors = {};
  if (!input.time || !input.bay) errors.slot = 'errorSlot';
  if (!DURATIONS.includes(input.duration)) errors.duration = 'errorDuration';
  if (!Number.isInteger(input.people) || input.people < 1 || (input.capacity !== null && input.people > input.capacity)) {
    errors.numberOfPeople = 'errorPeople';
  }
  if (!isValidName(input.details.customerName)) errors.customerName = 'errorName';
  if (!isValidEmail(input.details.customerEmail)) errors.customerEmail = 'errorEmail';
  if (!toE164(input.details.customerPhone)) errors.customerPhone = 'errorPhone';
  if (input.details.specialRequests.trim().length > MAX_SPECIAL_REQUESTS) errors.specialRequests = 'errorSpecialRequests';
  return errors;
}

/** Whether a package can pay for `hours` on `date`, and if not, why (create_booking checks the same). */
export function packageProblem(pkg: PackageSummary, hours: number, date: string): MessageKey | null {
  if (pkg.expiryDate && pkg.expiryDate < date) return 'packageExpiresBefore';
  if (pkg.remainingHours < hours) return 'packageNotEnough';
  return null;
}

/**
 * Whether a member can still move or cancel a booking: confirmed and not yet started, as
 * modify_member_booking and cancel_member_booking decide it (BOOKING_NOT_MODIFIABLE).
 * `nowLocal` is the venue's `YYYY-MM-DD HH:mm` (venueNowLocal); the SQL has the last word.
 */
export const isChangeable = (booking: { status: string; date: string; startTime: string }, nowLocal: string) =>
  booking.status === 'confirmed' && `${booking.date} ${booking.startTime}` > nowLocal;

/** The venue's current date and time, `YYYY-MM-DD HH:mm`, whatever the browser's time zone: the `nowLocal` of isChangeable. */
export function venueNowLocal(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: VENUE_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
