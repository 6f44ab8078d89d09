import { readEnv } from '../config/env';
import { rpc, serviceCaller } from '../db';
import { AppError } from './errors';
import { createRedisClient, redisRateLimitStore } from './rate-limit-redis';

/**
 * The spec's rate limits, each a sliding window: at most `limit` hits within any
 * `windowSeconds`. Counters live in Redis when REDIS_URL is set, in Postgres otherwise
 * (function hit_rate_limit), so every app instance shares them either way.
 * When Redis cannot be reached (or is slower than REDIS_COMMAND_TIMEOUT_MS), a limit lets its
 * requests through uncounted, except `whenStoreDown: 'database'`: those bound guessing secrets
 * and codes, where an unlimited burst is the attack, so they are counted in Postgres meanwhile
 * (the same limit again there: at most twice it while Redis comes and goes). Should Postgres
 * fail too, the request fails as the database does: 503 with Retry-After, never uncounted.
 */
export const rateLimits = {
  general: { limit: 120, windowSeconds: 60 },
  availability: { limit: 100, windowSeconds: 60 },
  bookingMember: { limit: 10, windowSeconds: 3600 },
  bookingGuest: { limit: 3, windowSeconds: 3600 },
  /**
   * Bookings in one live concierge VIP session, instead of bookingGuest: a hotel lobby books
   * behind one address, and a session is one guest's (its code, 24 hours) to bound.
   */
  bookingVipSession: { limit: 10, windowSeconds: 3600 },
  vip: { limit: 60, windowSeconds: 60 },
  /** POST /api/vip/sessions per client: enough for a guest's typos, too few to guess codes. */
  vipCode: { limit: 10, windowSeconds: 60, whenStoreDown: 'database' },
  /**
   * POST /api/vip/link-account per member: a code request and a few typos fit; guessing a
   * 6-digit code does not (each code also dies after 5 wrong tries).
   */
  vipLink: { limit: 8, windowSeconds: 900, whenStoreDown: 'database' },
  /**
   * POST /api/vip/link-account per client address as well: guest profiles cost nothing, so
   * the per-member limit alone would not bound probing which phone numbers are customers'.
   */
  vipLinkClient: { limit: 30, windowSeconds: 3600, whenStoreDown: 'database' },
  /**
   * The manage-link routes (/api/bookings/manage*) per client address: a guest opening, moving
   * and cancelling fits many times over; the tokens (256 bits) are not guessable anyway.
   */
  manageLink: { limit: 30, windowSeconds: 60, whenStoreDown: 'database' },
  /** The same per manage token (by its hash): one leaked link cannot be hammered from many addresses. */
  manageLinkToken: { limit: 20, windowSeconds: 600, whenStoreDown: 'database' },
  /**
   * POST /api/auth/email-code per client address: sign-in codes for a few addresses and a
   * resend or two; too few to flood many inboxes or to collect codes to guess against.
   */
  emailCodeClient: { limit: 20, windowSeconds: 900, whenStoreDown: 'database' },
  /** POST /api/auth/email-code per email address: nobody floods one inbox (each code also retires the one before). */
  emailCodeAddress: { limit: 5, windowSeconds: 900, whenStoreDown: 'database' },
  /**
   * Sign-in code checks (the `email-code` provider) per client address: typos fit; guessing
   * 6-digit codes across many addresses does not (each code also dies after 5 wrong tries).
   */
  emailCodeVerifyClient: { limit: 30, windowSeconds: 900, whenStoreDown: 'database' },
  /** GET /api/lucky-draw/campaign-status per client (the spec). */
  luckyDrawCampaign: { limit: 100, windowSeconds: 60 },
  /** GET /api/lucky-draw/customer-status per LINE user (the spec: user-scoped). */
  luckyDrawCustomer: { limit: 60, windowSeconds: 60 },
  /** POST /api/liff/spin per customer (the spec). */
  luckyDrawSpin: { limit: 10, windowSeconds: 60 },
  /** POST /api/lucky-draw/redeem per client (the spec). */
  luckyDrawRedeem: { limit: 30, windowSeconds: 60 },
  /**
   * Failed checks of a shared secret (staff PIN, cron, system or admin key), per client address
   * and kind: enough for a few typos at the front desk, while guessing a 6-digit PIN from one
   * address would take decades. Past it every try answers 429 before it is compared.
   */
  credentialFailuresClient: { limit: 10, windowSeconds: 900, whenStoreDown: 'database' },
  /**
   * The same, summed over every client, per kind: bounds guessing from many addresses (about
   * 140,000 tries a day). A flood of bad guesses can lock the right credential out for a minute
   * too; that is the price of the bound.
   */
  credentialFailuresGlobal: { limit: 100, windowSeconds: 60, whenStoreDown: 'database' },
} as const;

export type RateLimitName = keyof typeof rateLimits;

interface RateLimitSpec {
  limit: number;
  windowSeconds: number;
  whenStoreDown?: 'database';
}

export interface RateLimitHit {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When one more hit will be allowed: the oldest counted hit leaves the window (whole seconds). */
  resetAt: Date;
}

/** Where the counters live; both stores implement the same sliding window. */
export interface RateLimitStore {
  hit(key: string, limit: number, windowSeconds: number): Promise<RateLimitHit>;
  release(key: string, windowSeconds: number): Promise<void>;
}

const postgresStore: RateLimitStore = {
  async hit(key, limit, windowSeconds) {
    const hit = await rpc('hit_rate_limit', { p_key: key, p_limit: limit, p_window_seconds: windowSeconds }, serviceCaller);
    return { allowed: hit.allowed, limit: hit.limit, remaining: hit.remaining, resetAt: new Date(hit.resetAt) };
  },
  async release(key, windowSeconds) {
    await rpc('release_rate_limit_hit', { p_key: key, p_window_seconds: windowSeconds }, serviceCaller);
  },
};

/** One Redis client per process, made at the first limited request, replaced when REDIS_URL or the prefix changes. */
let redis: { url: string; prefix: string; store: RateLimitStore; close: () => void } | undefined;

/** The store REDIS_URL picks: Redis when it is set, Postgres otherwise. */
export function rateLimitStore(): RateLimitStore & { kind: 'redis' | 'postgres' } {
  const url = readEnv('REDIS_URL');
  if (!url) return { kind: 'postgres', ...postgresStore };
  const prefix = readEnv('REDIS_KEY_PREFIX');
  if (redis?.url !== url || redis.prefix !== prefix) {
    redis?.close();
    const client = createRedisClient(url, { commandTimeoutMs: readEnv('REDIS_COMMAND_TIMEOUT_MS') });
    redis = { url, prefix, store: redisRateLimitStore(client, prefix), close: () => client.disconnect() };
  }
  return { kind: 'redis', ...redis.store };
}

/** Closes the Redis client, if one was made (shutdown, tests); the next limited request makes a new one. */
export function closeRateLimitStore(): void {
  redis?.close();
  redis = undefined;
}

export interface RateLimitOutcome {
  headers: Headers;
}

/**
 * Counts this request against `name` for `clientKey`; throws RATE_LIMIT_EXCEEDED (429) past the
 * limit. When the Redis store fails, see rateLimits (uncounted, or counted in Postgres).
 */
export async function enforceRateLimit(name: RateLimitName, clientKey: string): Promise<RateLimitOutcome> {
  const { limit, windowSeconds, whenStoreDown } = rateLimits[name] as RateLimitSpec;
  const key = `${name}:${clientKey}`;
  const store = rateLimitStore();
  let hit: RateLimitHit;
  try {
    hit = await store.hit(key, limit, windowSeconds);
  } catch (error) {
    if (store.kind !== 'redis') throw error;
    if (whenStoreDown !== 'database') return { headers: new Headers() };
    hit = await postgresStore.hit(key, limit, windowSeconds);
  }
  const resetEpoch = Math.ceil(hit.resetAt.getTime() / 1000);
  const headers = new Headers({
    'X-RateLimit-Limit': String(hit.limit),
    'X-RateLimit-Remaining': String(hit.remaining),
    'X-RateLimit-Reset': String(resetEpoch),
  });
  if (!hit.allowed) {
    headers.set('Retry-After', String(Math.max(1, resetEpoch - Math.floor(Date.now() / 1000))));
    throw Object.assign(
      new AppError('RATE_LIMIT_EXCEEDED', undefined, { limit: hit.limit, remaining: 0, resetTime: isoSeconds(hit.resetAt) }),
      { headers },
    );
  }
  return { headers };
}

/** 2026-12-01T22:40:05Z, as the spec's resetTime. */
const isoSeconds = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Gives back the hit this request counted against `name` for `clientKey` (e.g. a credential
 * check that succeeded). While Redis fails, a `whenStoreDown: 'database'` limit gives it back in
 * Postgres, where it was counted; any other is dropped (at worst a right try stays counted).
 */
export async function releaseRateLimitHit(name: RateLimitName, clientKey: string): Promise<void> {
  const key = `${name}:${clientKey}`;
  const { windowSeconds, whenStoreDown } = rateLimits[name] as RateLimitSpec;
  const store = rateLimitStore();
  try {
    await store.release(key, windowSeconds);
  } catch (error) {
    if (store.kind !== 'redis') throw error;
    if (whenStoreDown === 'database') await postgresStore.release(key, windowSeconds);
  }
}
