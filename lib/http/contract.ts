import type { z } from 'zod';
import type { CachePolicy } from './caching';
import type { ErrorCode } from './errors';
import type { RateLimitName } from './rate-limit';

/**
 * What a route promises: its method and path, who may call it, its rate limit and
 * caching, and zod schemas of its query, body and response. The route wrapper enforces
 * it and the OpenAPI document is generated from it.
 */
export interface RouteContract {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI path, e.g. `/api/vip/bookings/{bookingId}/modify`. */
  path: string;
  summary: string;
  tag: string;
  /**
   * `required`: 401 without a signed-in caller; `optional`: a caller is resolved when present;
   * `cron` / `system`: 401 without the machine credential (see lib/http/secrets.ts). A caller
   * refused with 401 who presented only valid credentials of other kinds gets 403 (lib/http/credentials.ts).
   */
  auth: 'none' | 'optional' | 'required' | 'cron' | 'system';
  /** One limit for everyone, or one for signed-in members and one for guests. */
  rateLimit?: RateLimitName | { member: RateLimitName; guest: RateLimitName };
  cache?: CachePolicy;
  query?: z.ZodObject;
  body?: z.ZodObject;
  params?: z.ZodObject;
  response: z.ZodType;
  successStatus?: number;
  /**
   * A request body the handler reads itself: documented here, not parsed by the wrapper.
   * For routes whose spec shows its own validation body (the VIP session endpoints' 422).
   */
  ownBody?: z.ZodObject;
  /** Answers whose body is not the error envelope, by status, as the spec shows them. */
  otherResponses?: Record<number, { description: string; schema: z.ZodType }>;
  /** Error codes this route can answer with, for the OpenAPI document. */
  errors: ErrorCode[];
}

export const defineContract = <C extends RouteContract>(contract: C): C => contract;
