import { callApi, isRecord } from '@/components/api/client-fetch';
import { readVipSession } from '@/components/vip-session/vip-session-store';
import type { CreateBookingBody, CreateBookingResponse } from '@/lib/bookings/schemas';
import type { HourPackage } from './booking-rules';

/** The body of POST /api/bookings/create, as the server declares it. */
export type { CreateBookingBody };

/** The answer of POST /api/bookings/create, as the server declares it; `demo` is always said (true: nothing was saved). */
export type CreatedBooking = Omit<CreateBookingResponse, 'success' | 'demo'> & { demo: boolean };

/** What a submit came to, in the terms the form reacts to. Raw error bodies never reach the page. */
export type SubmitOutcome =
  | { kind: 'success'; booking: CreatedBooking }
  | { kind: 'validation'; fields: Record<string, unknown> }
  | { kind: 'slotTaken'; date: string; startTime: string; bay: string | null; alternativeTimes: string[] }
  | { kind: 'package'; code: 'PACKAGE_HOURS_INSUFFICIENT' | 'PACKAGE_EXPIRED' | 'PACKAGE_NOT_FOUND' }
  | { kind: 'authRequired' }
  | { kind: 'rateLimited'; retryAfterSeconds: number | null }
  | { kind: 'network' }
  | { kind: 'unavailable' }
  | { kind: 'keyRejected' };

/** A fresh Idempotency-Key (UUID v4); crypto.randomUUID only exists in secure contexts. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** POST /api/bookings/create with an Idempotency-Key, and what came of it. */
export async function submitBooking(body: CreateBookingBody, idempotencyKey: string): Promise<SubmitOutcome> {
  // In a concierge's VIP session the booking is attributed to the code; in demo mode nothing is saved.
  const vipSession = readVipSession();
  const result = await callApi<unknown>('/api/bookings/create', {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey, ...(vipSession ? { 'X-VIP-Session': vipSession.token } : {}) },
    body,
  });

  if (result.ok) {
    const payload = result.data;
    if (isRecord(payload) && typeof payload.bookingReference === 'string') {
      return {
        kind: 'success',
        booking: {
          bookingId: String(payload.bookingId ?? ''),
          bookingReference: payload.bookingReference,
          calendarEventId: typeof payload.calendarEventId === 'string' ? payload.calendarEventId : null,
          confirmationSent: payload.confirmationSent === true,
          vipCode: typeof payload.vipCode === 'string' ? payload.vipCode : null,
          demo: payload.demo === true,
          manageUrl: typeof payload.manageUrl === 'string' ? payload.manageUrl : null,
        },
      };
    }
    return { kind: 'unavailable' };
  }
  // No answer, or one cut off mid-body: the booking may exist, so the form retries with the same key.
  if (result.status === 0) return { kind: 'network' };

  const { details } = result;
  switch (result.code) {
    case 'VALIDATION_ERROR':
      return { kind: 'validation', fields: isRecord(details.fields) ? details.fields : {} };
    case 'SLOT_UNAVAILABLE':
      return {
        kind: 'slotTaken',
        date: typeof details.date === 'string' ? details.date : body.date,
        startTime: typeof details.startTime === 'string' ? details.startTime : body.startTime,
        bay: typeof details.bay === 'string' ? details.bay : (body.bay ?? null),
        alternativeTimes: Array.isArray(details.alternativeTimes)
          ? details.alternativeTimes.filter((time): time is string => typeof time === 'string' && /^\d{2}:\d{2}$/.test(time))
          : [],
      };
    case 'PACKAGE_HOURS_INSUFFICIENT':
    case 'PACKAGE_EXPIRED':
    case 'PACKAGE_NOT_FOUND':
      return { kind: 'package', code: result.code };
    case 'AUTH_REQUIRED':
      return { kind: 'authRequired' };
    case 'IDEMPOTENCY_KEY_REUSED':
      // Only if the form changed under a retried key; the next attempt gets a fresh one.
      return { kind: 'keyRejected' };
    case 'RATE_LIMIT_EXCEEDED':
      return { kind: 'rateLimited', retryAfterSeconds: retryAfter(result) };
    default:
      if (result.status === 429) return { kind: 'rateLimited', retryAfterSeconds: retryAfter(result) };
      return { kind: 'unavailable' };
  }
}

/** Retry-After, else the envelope's resetTime. */
function retryAfter({ retryAfterSeconds, details }: { retryAfterSeconds: number | null; details: Record<string, unknown> }): number | null {
  if (retryAfterSeconds !== null) return retryAfterSeconds;
  const reset = typeof details.resetTime === 'string' ? Date.parse(details.resetTime) : NaN;
  return Number.isFinite(reset) ? Math.max(1, Math.round((reset - Date.now()) / 1000)) : null;
}

/** A signed-in member's details as the booking form fills them in (from GET /api/vip/profile's data, read by the page). */
export interface BookingMember {
  name: string | null;
  email: string | null;
  phone: string | null;
}

/** The member's active hour packages; none for a guest, or when they cannot be read (booking still works). */
export async function fetchActivePackages(signal: AbortSignal): Promise<HourPackage[]> {
  const result = await callApi<unknown>('/api/vip/packages', { cache: 'no-store', signal }).catch(() => null);
  if (!result?.ok) return [];
  const body = result.data;
  if (!isRecord(body) || !Array.isArray(body.activePackages)) return [];
  return body.activePackages.filter(
    (pkg): pkg is HourPackage => isRecord(pkg) && typeof pkg.id === 'string' && typeof pkg.packageName === 'string' && typeof pkg.remainingHours === 'number',
  );
}

/** What the confirmation page shows; kept in sessionStorage between the form and that page. */
export interface ConfirmationDetails {
  reference: string;
  date: string;
  startTime: string;
  endTime: string;
  bay: string;
  /** The bay's Thai name when stored (the page shows the visitor's language). */
  bayTh?: string | null;
  duration: number;
  numberOfPeople: number;
  email: string;
  confirmationSent: boolean;
  packageName: string | null;
  packageNameTh?: string | null;
  price: number | null;
  vipCode?: string | null;
  demo?: boolean;
}

const storageKey = (reference: string) => `booking-confirmation:${reference}`;

export function storeConfirmation(details: ConfirmationDetails) {
  try {
    sessionStorage.setItem(storageKey(details.reference), JSON.stringify(details));
  } catch {
    // Storage may be off (private mode): the page still shows the reference from the URL.
  }
}

/** The stored text of a booking's confirmation details, or null (a stable snapshot for useSyncExternalStore). */
export function storedConfirmation(reference: string): string | null {
  try {
    return sessionStorage.getItem(storageKey(reference));
  } catch {
    return null;
  }
}

export function parseConfirmation(reference: string, stored: string | null): ConfirmationDetails | null {
  if (!stored) return null;
  try {
    const details = JSON.parse(stored) as ConfirmationDetails;
    return details.reference === reference ? details : null;
  } catch {
    return null;
  }
}
