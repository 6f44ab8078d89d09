import { formatVenueDate } from '@/lib/i18n/format-venue-date';
import { DURATIONS, estimatePrice, MAX_DURATION_HOURS, MIN_DURATION_HOURS, slotContaining, toMinutes, type FieldErrors, type BookingField } from '@/lib/venue/booking-rules';
import type { AvailabilityResult, AvailabilitySlot, PackageSummary } from '@/lib/db/functions';
import type { Locale, MessageKey } from '@/lib/i18n/messages';

/** translate() bound to the page's locale. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** GET /api/availability and its slots, as the API declares them. */
export type Slot = AvailabilitySlot;
export type Availability = AvailabilityResult;

/** An hour package of GET /api/vip/packages. */
export type HourPackage = PackageSummary;

export type { BookingField, DetailValues, FieldErrors } from '@/lib/venue/booking-rules';
export { DURATIONS, endTime, estimatePrice, fromMinutes, packageProblem, toMinutes, validateBooking } from '@/lib/venue/booking-rules';
export { MAX_EMAIL, MAX_NAME, MAX_SPECIAL_REQUESTS } from '@/lib/venue/booking-rules';

/** Field order on the page, for the error summary and for moving focus to the first problem. */
export const FIELD_ORDER: BookingField[] = ['slot', 'duration', 'numberOfPeople', 'customerName', 'customerEmail', 'customerPhone', 'specialRequests', 'packageId'];

/** The element id of each field, so the error summary can link to it. */
export const fieldId = (field: BookingField) => `booking-${field}`;

// How a slot reads (label, price shown, a closed day's reason): one module the home page loads without the booking rules.
export { dayRuleNotice, formatBaht, showsPrice, slotLabel } from '@/components/availability/slot-status';

/** The day's slots for this visitor: a signed-in member may book what is members_only. */
export const slotsFor = (slots: Slot[], member: boolean): Slot[] =>
  member ? slots.map((slot) => (slot.status === 'members_only' ? { ...slot, available: true } : slot)) : slots;

/** Start times with at least one free bay, in time order. */
export function freeStartTimes(slots: Slot[]): string[] {
  const times: string[] = [];
  for (const slot of slots) if (slot.available && !times.includes(slot.startTime)) times.push(slot.startTime);
  return times.sort((a, b) => toMinutes(a) - toMinutes(b));
}

/** The free slots (one per bay) starting at `time`, in the API's bay order. */
export const freeBaysAt = (slots: Slot[], time: string) => slots.filter((slot) => slot.available && slot.startTime === time);

export const isFree = (slots: Slot[], time: string, bay: string) => slots.some((slot) => slot.available && slot.startTime === time && slot.bay === bay);

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
    if (hours >= MAX_DURATION_HOURS) return MAX_DURATION_HOURS;
  }
}

/** What a start time costs before it is picked: `price` baht for `hours`; `from` when it is the cheapest of bays that differ. */
export interface StartTimePrice {
  price: number;
  hours: number;
  from: boolean;
}

/**
 * The price a start-time chip shows for the chosen duration: in the chosen bay when that bay
 * is free then, else the cheapest free bay (`from` when the free bays' prices differ). Where
 * no free bay has `hours` from `time`, the longest run that fits is priced, as the form would
 * shorten the booking to it. Null when no fitting bay has a price.
 */
export function startTimePrice(slots: Slot[], time: string, bay: string | null, hours: number): StartTimePrice | null {
  const free = freeBaysAt(slots, time);
  const candidates = bay && free.some((slot) => slot.bay === bay) ? free.filter((slot) => slot.bay === bay) : free;
  const fits = candidates.map((slot) => ({ bay: slot.bay, hours: Math.min(hours, freeHoursFrom(slots, time, slot.bay)) }));
  const longest = Math.max(0, ...fits.map((fit) => fit.hours));
  if (longest === 0) return null;
  const prices = fits
    .filter((fit) => fit.hours === longest)
    .map((fit) => estimatePrice(slots, time, fit.bay, longest))
    .filter((price): price is number => price !== null);
  if (prices.length === 0) return null;
  const price = Math.min(...prices);
  return { price, hours: longest, from: prices.some((other) => other !== price) };
}

/**
 * What an alternative to a taken slot costs for the same duration, and how much more than the
 * taken one (0 when not more, or when the taken one's price is unknown): a later hour may be peak.
 */
export function alternativeQuote(slots: Slot[], time: string, bay: string, hours: number, takenPrice: number | null): { price: number; more: number } | null {
  const price = estimatePrice(slots, time, bay, hours);
  if (price === null) return null;
  return { price, more: takenPrice === null ? 0 : Math.max(0, price - takenPrice) };
}

/** The durations the picker offers for a start time and bay (all of them until one is chosen). */
export function durationChoices(slots: Slot[], time: string | null, bay: string | null): number[] {
  if (!time || !bay) return DURATIONS;
  const free = freeHoursFrom(slots, time, bay);
  const fitting = DURATIONS.filter((hours) => hours <= free);
  return fitting.length ? fitting : [MIN_DURATION_HOURS];
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

/** A venue-local YYYY-MM-DD date as the reader says it on screen. */
export const formatDate = (date: string, locale: Locale) => formatVenueDate(date, locale, 'short');

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
