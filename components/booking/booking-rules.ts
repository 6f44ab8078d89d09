import { formatVenueDate } from '@/lib/i18n/format-venue-date';
import { toE164 } from '@/lib/contact/phone';
import type { AvailabilityResult, AvailabilitySlot, PackageSummary } from '@/lib/db/functions';
import type { Locale, MessageKey } from '@/lib/i18n/messages';

/** translate() bound to the page's locale. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** GET /api/availability and its slots, as the API declares them. */
export type Slot = AvailabilitySlot;
export type Availability = AvailabilityResult;

/** An hour package of GET /api/vip/packages. */
export type HourPackage = PackageSummary;

/** The API's limits: 1 to 5 hours in half-hour steps (lib/venue/fields.ts DurationHours). */
export const MIN_DURATION = 1;
export const MAX_DURATION = 5;
export const DURATIONS = Array.from({ length: (MAX_DURATION - MIN_DURATION) * 2 + 1 }, (_, i) => MIN_DURATION + i / 2);

/** The API accepts at most this many characters (lib/bookings/schemas.ts). */
export const MAX_NAME = 120;
export const MAX_EMAIL = 200;
export const MAX_SPECIAL_REQUESTS = 1000;

/** Form fields that can carry an error; `slot` covers the API's date, startTime and bay. */
export type BookingField = 'slot' | 'duration' | 'numberOfPeople' | 'customerName' | 'customerEmail' | 'customerPhone' | 'specialRequests' | 'packageId';
export type FieldErrors = Partial<Record<BookingField, MessageKey>>;

/** Field order on the page, for the error summary and for moving focus to the first problem. */
export const FIELD_ORDER: BookingField[] = ['slot', 'duration', 'numberOfPeople', 'customerName', 'customerEmail', 'customerPhone', 'specialRequests', 'packageId'];

/** The element id of each field, so the error summary can link to it. */
export const fieldId = (field: BookingField) => `booking-${field}`;

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

/** Start times with at least one free bay, in time order. */
export function freeStartTimes(slots: Slot[]): string[] {
  const times: string[] = [];
  for (const slot of slots) if (slot.available && !times.includes(slot.startTime)) times.push(slot.startTime);
  return times.sort((a, b) => toMinutes(a) - toMinutes(b));
}

/** The free slots (one per bay) starting at `time`, in the API's bay order. */
export const freeBaysAt = (slots: Slot[], time: string) => slots.filter((slot) => slot.available && slot.startTime === time);

export const isFree = (slots: Slot[], time: string, bay: string) => slots.some((slot) => slot.available && slot.startTime === time && slot.bay === bay);

/** The slot of `bay` that contains the minute `minute` of the day. */
function slotContaining(slots: Slot[], bay: string, minute: number): Slot | undefined {
  return slots.find((slot) => slot.bay === bay && toMinutes(slot.startTime) <= minute && minute < (toMinutes(slot.endTime) || 1440));
}

/**
 * The longest booking (hours) that fits from `time` in `bay` according to the grid: the
 * run of free hourly slots. A half hour into a taken hour may still be free, but the grid
 * cannot tell, so the server (which knows) has the last word.
 */
export function freeHoursFrom(slots: Slot[], time: string, bay: string): number {
  let hours = 0;
  let minute = toMinutes(time);
  for (;;) {
    const slot = slotContaining(slots, bay, minute);
    if (!slot || !slot.available) return hours;
    const slotEnd = toMinutes(slot.endTime) || 1440;
    hours += (slotEnd - minute) / 60;
    minute = slotEnd;
    if (hours >= MAX_DURATION) return MAX_DURATION;
  }
}

/** The durations the picker offers for a start time and bay (all of them until one is chosen). */
export function durationChoices(slots: Slot[], time: string | null, bay: string | null): number[] {
  if (!time || !bay) return DURATIONS;
  const free = freeHoursFrom(slots, time, bay);
  const fitting = DURATIONS.filter((hours) => hours <= free);
  return fitting.length ? fitting : [MIN_DURATION];
}

/**
 * The price the server will charge, from the grid's hourly prices: each half hour costs
 * half its hour's rate, in whole baht (as create_booking computes it). Null when an hour
 * has no price in the grid.
 */
export function estimatePrice(slots: Slot[], time: string, bay: string, hours: number): number | null {
  let halfHourly = 0;
  const start = toMinutes(time);
  for (let minute = start; minute < start + hours * 60; minute += 30) {
    const price = slotContaining(slots, bay, minute)?.price;
    if (price === null || price === undefined) return null;
    halfHourly += price;
  }
  return Math.floor(halfHourly / 2);
}

export interface DetailValues {
  customerName: string;
  customerEmail: string;
  customerPhone: string;
  specialRequests: string;
}

// Deliberately loose (the server's zod email check is the authority): something@something.tld.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

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
  const name = input.details.customerName.trim();
  if (!name || name.length > MAX_NAME) errors.customerName = 'errorName';
  const email = input.details.customerEmail.trim();
  if (!EMAIL_PATTERN.test(email) || email.length > MAX_EMAIL) errors.customerEmail = 'errorEmail';
  if (!toE164(input.details.customerPhone)) errors.customerPhone = 'errorPhone';
  if (input.details.specialRequests.trim().length > MAX_SPECIAL_REQUESTS) errors.specialRequests = 'errorSpecialRequests';
  return errors;
}

/**
 * The form field of a field the API named in `details.fields`, with the (translated)
 * message shown for it. The API's own messages are English, so each field has ours.
 */
export function fieldErrorsFromApi(fields: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  for (const name of Object.keys(fields)) {
    switch (name) {
      case 'date':
      case 'startTime':
      case 'bay':
        errors.slot = 'errorSlotServer';
        break;
      case 'duration':
        errors.duration = 'errorDuration';
        break;
      case 'numberOfPeople':
        errors.numberOfPeople = 'errorPeople';
        break;
      case 'customerName':
        errors.customerName = 'errorName';
        break;
      case 'customerEmail':
        errors.customerEmail = 'errorEmail';
        break;
      case 'customerPhone':
        errors.customerPhone = 'errorPhone';
        break;
      case 'specialRequests':
        errors.specialRequests = 'errorSpecialRequests';
        break;
      case 'packageId':
        errors.packageId = 'errorPackage';
        break;
      default:
        // A field the form does not have (e.g. the Idempotency-Key header): not the user's to fix.
        break;
    }
  }
  return errors;
}

/** Whether a package can pay for `hours` on `date`, and if not, why. */
export function packageProblem(pkg: HourPackage, hours: number, date: string): MessageKey | null {
  if (pkg.expiryDate && pkg.expiryDate < date) return 'packageExpiresBefore';
  if (pkg.remainingHours < hours) return 'packageNotEnough';
  return null;
}

/** A venue-local YYYY-MM-DD date as the reader says it on screen. */
export const formatDate = (date: string, locale: Locale) => formatVenueDate(date, locale, 'short');

export const formatBaht = (amount: number) => amount.toLocaleString('en-US');

/** A query-string date the page may start on: a real YYYY-MM-DD not before today. */
export function startingDate(requested: string | undefined, today: string): string {
  if (!requested || !/^\d{4}-\d{2}-\d{2}$/.test(requested)) return today;
  const [year, month, day] = requested.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  if (parsed.toISOString().slice(0, 10) !== requested) return today;
  return requested < today ? today : requested;
}

/** References look like BK + YYMMDD + 8 characters (create_booking), or DEMO-… for a demo session's booking. */
export const REFERENCE_PATTERN = /^(BK\d{6}[0-9A-Z]{8}|DEMO-[0-9A-F]{8})$/;
