import type { PackageSummary, VipBooking as VipBookingResult, VipStatusResult } from '@/lib/db/functions';
import { VENUE_TIME_ZONE } from '@/lib/venue/venue-clock';

/** A booking as GET /api/vip/bookings lists it, as the API declares it. */
export type VipBooking = VipBookingResult;

export interface VipBookingsPage {
  bookings: VipBooking[];
  pagination: { currentPage: number; totalPages: number; totalCount: number; limit: number };
}

export type BookingsFilter = 'future' | 'past' | 'all';

/** GET /api/vip/status and GET /api/vip/packages, as the API declares them. */
export type VipStatus = VipStatusResult;
export type VipLinkStatus = VipStatus['status'];

export type VipPackage = PackageSummary;

export interface VipPackages {
  activePackages: VipPackage[];
  pastPackages: VipPackage[];
}

export interface VipProfile {
  id: string;
  name: string | null;
  email: string | null;
  phoneNumber: string | null;
  pictureUrl: string | null;
  marketingPreference: boolean | null;
  customerStatus: 'linked' | 'not_linked';
  customerCode: string | null;
}

/**
 * What a call came to. `status` 0 is a network failure (or an answer that was not JSON);
 * a failure carries the envelope's `code` and `details` for the page to explain, never raw text.
 */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string | null; details: Record<string, unknown>; retryAfterSeconds: number | null };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A same-origin JSON call with the session cookie. GETs revalidate (the VIP routes allow private caching). */
export async function callApi<T>(path: string, init: { method?: 'GET' | 'PUT' | 'POST'; body?: unknown; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
  const method = init.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { Accept: 'application/json', ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      cache: method === 'GET' ? 'no-cache' : 'no-store',
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    return { ok: false, status: 0, code: null, details: {}, retryAfterSeconds: null };
  }
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    return { ok: false, status: response.ok ? 0 : response.status, code: null, details: {}, retryAfterSeconds: null };
  }
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  const envelope = isRecord(payload) ? payload : {};
  const details = isRecord(envelope.details) ? envelope.details : {};
  const header = Number(response.headers.get('Retry-After'));
  return {
    ok: false,
    status: response.status,
    code: typeof envelope.code === 'string' ? envelope.code : null,
    details,
    retryAfterSeconds: Number.isFinite(header) && header > 0 ? header : null,
  };
}

/** A failed load in the terms the pages show: signed out, or anything else (try again). */
export type LoadFailure = 'auth' | 'failed';

export const loadFailure = (result: { status: number }): LoadFailure => (result.status === 401 ? 'auth' : 'failed');

/** The venue's (Bangkok) current date and time, `YYYY-MM-DD HH:mm`, whatever the browser's time zone. */
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

/** Whether the member can still move or cancel the booking: confirmed and not yet started (the server has the last word). */
export const isChangeable = (booking: VipBooking, nowLocal: string) => booking.status === 'confirmed' && `${booking.date} ${booking.startTime}` > nowLocal;
