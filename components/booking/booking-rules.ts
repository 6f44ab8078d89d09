import { formatVenueDate } from '@/lib/i18n/format-venue-date';
import { DURATIONS, MAX_DURATION_HOURS, MIN_DURATION_HOURS, slotContaining, toMinutes, type FieldErrors, type BookingField } from '@/lib/venue/booking-rules';
import type { AvailabilityResult, AvailabilitySlot, PackageSummary, SlotStatus } from '@/lib/db/functions';
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

/** The word a slot shows: Free, or why it cannot be booked (the answer's status, as the booking rules decide it). */
export const slotLabel: Record<SlotStatus, MessageKey> = {
  open: 'free',
  taken: 'taken',
  past: 'slotPast',
  too_soon: 'slotTooSoon',
  members_only: 'slotMembersOnly',
  beyond_horizon: 'slotNotYetOpen',
  not_priced: 'slotUnavailable',
};

/** Whether a slot's price is worth showing: only where someone can still book it. */
export const showsPrice = (slot: Slot) => slot.price !== null && (slot.status === 'open' || slot.status === 'members_only');

/**
 * Why a day that has hours offers none to book, when the rules are the reason: a past day,
 * one beyond the horizon, one only members can book yet, or today's last hours inside the
 * minimum notice. Null when some hour is open or the day is simply taken.
 */
export function dayRuleNotice(data: Availability, t: Translate): string | null {
  const slots = data.availableSlots;
  if (!slots.length || slots.some((slot) => slot.available)) return null;
  if (slots.every((slot) => slot.status === 'past')) return t('pastDate');
  if (slots.every((slot) => slot.status === 'beyond_horizon')) return t('beyondHorizon', { date: data.memberBookableUntil });
  if (slots.some((slot) => slot.status === 'members_only')) return t('membersOnlyDay', { date: data.bookableUntil });
  if (slots.some((slot) => slot.status === 'too_soon')) return t('tooSoonToday', { time: data.bookableFrom.slice(11) });
  return null;
}

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
