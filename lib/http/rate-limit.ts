import { rpc, serviceCaller } from '../db';
import { AppError } from './errors';

/**
 * The spec's rate limits. Counters live in Postgres (function hit_rate_limit), so every
 * app instance shares them.
 */
export const rateLimits = {
  general: { limit: 120, windowSeconds: 60 },
  availability: { limit: 100, windowSeconds: 60 },
  bookingMember: { limit: 10, windowSeconds: 3600 },
  bookingGuest: { limit: 3, windowSeconds: 3600 },
  vip: { limit: 60, windowSeconds: 60 },
  /** POST /api/vip/sessions per client: enough for a guest's typos, too few to guess codes. */
  vipCode: { limit: 10, windowSeconds: 60 },
  /**
   * POST /api/vip/link-account per member: a code request and a few typos fit; guessing a
   * 6-digit code does not (each code also dies after 5 wrong tries).
   */
  vipLink: { limit: 8, windowSeconds: 900 },
  /**
   * POST /api/vip/link-account per client address as well: guest profiles cost nothing, so
   * the per-member limit alone would not bound probing which phone numbers are customers'.
   */
  vipLinkClient: { limit: 30, windowSeconds: 3600 },
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
  credentialFailuresClient: { limit: 10, windowSeconds: 900 },
  /**
   * The same, summed over every client, per kind: bounds guessing from many addresses (about
   * 140,000 tries a day). A flood of bad guesses can lock the right credential out for a minute
   * too; that is the price of the bound.
   */
  credentialFailuresGlobal: { limit: 100, windowSeconds: 60 },
} as const;

export type RateLimitName = keyof typeof rateLimits;

export interface RateLimitOutcome {
  headers: Headers;
}

/** Counts this request against `name` for `clientKey`; throws RATE_LIMIT_EXCEEDED (429) past the limit. */
export async function enforceRateLimit(name: RateLimitName, clientKey: string): Promise<RateLimitOutcome> {
  const { limit, windowSeconds } = rateLimits[name];
  const hit = await rpc('hit_rate_limit', { p_key: `${name}:${clientKey}`, p_limit: limit, p_window_seconds: windowSeconds }, serviceCaller);
  const resetEpoch = Math.floor(Date.parse(hit.resetAt) / 1000);
  const headers = new Headers({
    'X-RateLimit-Limit': String(hit.limit),
    'X-RateLimit-Remaining': String(hit.remaining),
    'X-RateLimit-Reset': String(resetEpoch),
  });
  if (!hit.allowed) {
    headers.set('Retry-After', String(Math.max(1, resetEpoch - Math.floor(Date.now() / 1000))));
    throw Object.assign(
      new AppError('RATE_LIMIT_EXCEEDED', undefined, { limit: hit.limit, remaining: 0, resetTime: hit.resetAt }),
      { headers },
    );
  }
  return { headers };
}

/** Gives back the hit this request counted against `name` for `clientKey` (e.g. a credential check that succeeded). */
export async function releaseRateLimitHit(name: RateLimitName, clientKey: string): Promise<void> {
  await rpc('release_rate_limit_hit', { p_key: `${name}:${clientKey}`, p_window_seconds: rateLimits[name].windowSeconds }, serviceCaller);
}
