import { AppError } from '../http/errors';

/**
 * GET /api/health per client address: generous (a monitor or load balancer probing every
 * second fits twice), and counted in this process's memory, not in the database like the
 * other limits (lib/http/rate-limit.ts): health must answer while the database is down, and
 * it reports on this process anyway.
 */
export const healthRateLimit = { limit: 120, windowSeconds: 60 } as const;

/** Distinct clients counted per window; past it, newcomers share one counter, so memory stays bounded. */
const MAX_CLIENTS = 10_000;

let window = { startedAt: 0, hits: new Map<string, number>() };

/**
 * Counts this request for `clientKey` in the current fixed window and answers the limit's
 * headers (as every limited route does); throws RATE_LIMIT_EXCEEDED (429, Retry-After) past it.
 */
export function enforceHealthRateLimit(clientKey: string): Headers {
  const { limit, windowSeconds } = healthRateLimit;
  const windowMs = windowSeconds * 1000;
  const now = Date.now();
  if (now - window.startedAt >= windowMs) window = { startedAt: now - (now % windowMs), hits: new Map() };
  const key = window.hits.has(clientKey) || window.hits.size < MAX_CLIENTS ? clientKey : '(others)';
  const hits = (window.hits.get(key) ?? 0) + 1;
  window.hits.set(key, hits);
  const resetAt = window.startedAt + windowMs;
  const headers = new Headers({
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(Math.max(0, limit - hits)),
    'X-RateLimit-Reset': String(Math.floor(resetAt / 1000)),
  });
  if (hits > limit) {
    headers.set('Retry-After', String(Math.max(1, Math.ceil((resetAt - now) / 1000))));
    throw Object.assign(new AppError('RATE_LIMIT_EXCEEDED', undefined, { limit, remaining: 0, resetTime: new Date(resetAt).toISOString() }), { headers });
  }
  return headers;
}
