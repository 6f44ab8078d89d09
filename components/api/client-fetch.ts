import type { AvailabilityResult } from '@/lib/db/functions';

/**
 * The browser's one way to call our API. Every call resolves to an ApiResult and never
 * throws for a failed answer: `status` 0 is a network failure (or an answer that was not
 * JSON); a failure carries the envelope's `code` and `details` for the page to explain,
 * never raw text. Only an abort (the caller's signal) rejects.
 */
export type ApiResult<T> =
  | { ok: true; status: number; data: T }
  | { ok: false; status: number; code: string | null; details: Record<string, unknown>; retryAfterSeconds: number | null };

export interface CallOptions {
  method?: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** GETs revalidate by default (the routes send ETags and private caching); writes are never cached. */
  cache?: RequestCache;
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const failure = (status: number, code: string | null = null, details: Record<string, unknown> = {}, retryAfterSeconds: number | null = null) =>
  ({ ok: false, status, code, details, retryAfterSeconds }) as const;

/** A same-origin JSON call with the session cookie. */
export async function callApi<T>(path: string, init: CallOptions = {}): Promise<ApiResult<T>> {
  const method = init.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { Accept: 'application/json', ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      cache: init.cache ?? (method === 'GET' ? 'no-cache' : 'no-store'),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    return failure(0);
  }
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    // A proxy's HTML error page, or the connection dropped mid-body.
    return failure(response.ok ? 0 : response.status);
  }
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  const envelope = isRecord(payload) ? payload : {};
  const retryAfter = Number(response.headers.get('Retry-After'));
  return failure(
    response.status,
    typeof envelope.code === 'string' ? envelope.code : null,
    isRecord(envelope.details) ? envelope.details : {},
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

/** GET /api/availability for one venue date (revalidated with the ETag every time, so the grid is never stale). */
export const fetchAvailability = (date: string, signal?: AbortSignal) => callApi<AvailabilityResult>(`/api/availability?date=${encodeURIComponent(date)}`, { signal });
