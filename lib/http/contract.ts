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
   * The one credential kind the route accepts, decided by the wrapper before the body is read
   * (verifiers: lib/auth/credential-verifiers.ts); the route tests no other kind, so a valid
   * credential of another kind is no credential (401). `none`: public; `optional`: a member
   * session is resolved when present; `member`: a member session (cookie or Bearer); `line`: a
   * LINE ID token; `staff`: the session of an active staff account, staff or admin, by its
   * verified email (403 for anyone else's); `admin`: an admin's session (403 for anyone else's)
   * or ADMIN_API_KEY; `system` / `cron`: the machine secrets
   * (lib/http/secrets.ts). Failed secret checks are throttled (429).
   */
  auth: 'none' | 'optional' | 'member' | 'line' | 'staff' | 'admin' | 'system' | 'cron';
  /**
   * One limit for everyone, or one for signed-in members and one for guests. Counted per
   * proven caller: the member's profile, the LINE user, else the client address. `byHandler`:
   * the handler counts the request itself (`input.limit`), once it knows more than the wrapper
   * (a replayed booking counts nothing, a concierge session is counted per session); a request
   * refused before the handler counted it counts against this limit as usual.
   */
  rateLimit?: RateLimitName | { member: RateLimitName; guest: RateLimitName; byHandler?: true };
  cache?: CachePolicy;
  query?: z.ZodObject;
  body?: z.ZodObject;
  params?: z.ZodObject;
  response: z.ZodType;
  /**
   * The handler answers what `rpc` returned, which `rpc` parsed with the SQL function's declared
   * result, the schema `response` is made from: the wrapper does not parse it a second time.
   */
  responseParsedByRpc?: true;
  successStatus?: number;
  /**
   * A request body the handler reads itself: documented here, not parsed by the wrapper.
   * For routes whose spec shows its own validation body (the VIP session endpoints' 422).
   */
  ownBody?: z.ZodObject;
  /** Request headers the handler reads, by their names: documented here, parsed by the handler with this schema. */
  headers?: z.ZodObject;
  /** Answers whose body is not the error envelope, by status, as the spec shows them. */
  otherResponses?: Record<number, { description: string; schema: z.ZodType }>;
  /** Error codes this route can answer with, for the OpenAPI document. */
  errors: ErrorCode[];
}

export const defineContract = <C extends RouteContract>(contract: C): C => contract;

/**
 * The POST and GET contracts of a scheduler's route (GET for schedulers that can only GET):
 * CRON_SECRET, no input, `response` as the answer.
 */
export const defineCronContracts = <R extends z.ZodType>(path: string, summary: string, tag: string, response: R) => {
  const contract = (method: 'GET' | 'POST') =>
    defineContract({ method, path, summary, tag, auth: 'cron', response, errors: ['AUTH_REQUIRED', 'SERVICE_UNAVAILABLE'] });
  return { post: contract('POST'), get: contract('GET') };
};
