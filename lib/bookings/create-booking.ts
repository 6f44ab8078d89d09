import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { checkAvailability } from '../availability/check-availability';
import { anonCaller, memberCaller, rpc, serviceCaller } from '../db';
import { AppError, toAppError, validationError } from '../http/errors';
import type { RateLimitName } from '../http/rate-limit';
import { deliverBookingInline } from '../outbox/inline-delivery';
import { JOB_LEASE_SECONDS } from '../outbox/process-outbox';
import { hashManageToken, manageUrlFor, newManageToken } from './manage-links';
import { demoIssuedAt, hashSessionToken, isSessionToken } from '../vip-sessions/session-tokens';
import type { BookingRecord, CreateBookingRequest } from './schemas';

export interface CreateBookingOptions {
  /** Makes a retried submit return the first booking. */
  idempotencyKey?: string;
  /** A concierge VIP session (X-VIP-Session): a real one attributes the booking, a demo one books nothing. */
  vipSessionToken?: string;
  /** The route's rate limit (lib/http/route.ts `limit`, `callerKey`); counted here, see countRequest. */
  rateLimit: { limit: (name: RateLimitName, key: string) => Promise<() => Promise<void>>; callerKey: string };
}

/** Books a bay for a guest or member, then tries its side effects inline within a short budget. */
export async function createBooking(request: CreateBookingRequest, profileId: string | null, options: CreateBookingOptions) {
  const { idempotencyKey, vipSessionToken } = options;
  if (vipSessionToken !== undefined && demoIssuedAt(vipSessionToken) !== null) {
    await options.rateLimit.limit(profileId ? 'bookingMember' : 'bookingGuest', options.rateLimit.callerKey);
    return demoBooking(request);
  }
  if (vipSessionToken !== undefined && !isSessionToken(vipSessionToken)) {
    throw validationError({ 'X-VIP-Session': 'Not a VIP session token' });
  }

  const record: BookingRecord = {
    ...request,
    idempotencyKey,
    requestHash: idempotencyKey ? requestHash(request) : undefined,
    vipTokenHash: vipSessionToken ? hashSessionToken(vipSessionToken) : undefined,
  };
  const caller = profileId ? memberCaller(profileId) : anonCaller;
  const uncount = await countRequest(record, profileId, options.rateLimit);
  // One transaction books, issues the manage links (the answer's; the inline confirmation
  // email's, so that attempt waits for no commit of its own) and claims the jobs to attempt.
  const [manageToken, emailToken] = [newManageToken(), newManageToken()];
  const created = await rpc(
    'create_booking',
    { p_booking: record, p_manage_token_hashes: [manageToken, emailToken].map(hashManageToken), p_lease_seconds: JOB_LEASE_SECONDS },
    caller,
  ).catch(async (error: unknown) => {
    // A slot taken meanwhile booked nothing: the customer's few bookings an hour stay theirs
    // for the alternative they pick next. The attempt still counts, against the general limit.
    if (toAppError(error).code === 'SLOT_UNAVAILABLE') {
      await uncount();
      await options.rateLimit.limit('general', options.rateLimit.callerKey);
    }
    throw error;
  });
  // A twin sent while the first was still being booked was counted; its answer is the first's.
  if (created.replayed) await uncount();

  // The booking stands; what is not delivered inline is delivered by the cron or timer.
  const delivery = created.replayed
    ? await rpc('booking_delivery_status', { p_booking_id: created.bookingId }, serviceCaller)
    : await deliverBookingInline(
        created.jobs.map((job) => ({
          ...job,
          brand: created.brand ?? undefined,
          manageUrl: job.kind === 'booking_confirmation_email' && created.manageLinkIssued ? manageUrlFor(emailToken) : undefined,
        })),
        created.bookingId,
        `booking ${created.bookingReference}: inline delivery`,
      );
  const manageUrl = created.manageLinkIssued ? manageUrlFor(manageToken) : null;
  return {
    success: true as const,
    bookingId: created.bookingId,
    bookingReference: created.bookingReference,
    calendarEventId: delivery.calendarEventId,
    confirmationSent: delivery.confirmationSent,
    vipCode: created.vipCode,
    // The confirmation page shows the booking only to its link's holder (or its member): a link of its own.
    manageUrl,
  };
}

/**
 * Counts a booking request against its rate limit and resolves to the undo. A replay of a
 * booking already made (same Idempotency-Key, same request) counts nothing, so a network
 * retry never uses up a guest's 3 an hour. A member counts per profile (bookingMember); a
 * request in a live concierge VIP session per session (bookingVipSession), not against the
 * address a whole hotel lobby shares; anyone else per address (bookingGuest). Only a request
 * with a key or a session token costs the look-up.
 */
async function countRequest(record: BookingRecord, profileId: string | null, { limit, callerKey }: CreateBookingOptions['rateLimit']) {
  const scope = record.idempotencyKey || record.vipTokenHash
    ? await rpc('booking_request_scope', { p_booking: record }, profileId ? memberCaller(profileId) : anonCaller)
    : { replay: false, vipSession: false };
  if (scope.replay) return async () => {};
  if (profileId) return limit('bookingMember', callerKey);
  if (scope.vipSession) return limit('bookingVipSession', `vip-session:${record.vipTokenHash}`);
  return limit('bookingGuest', callerKey);
}

/**
 * A demo session explores the whole flow, with the same answers about availability, but its
 * booking is never written: the response says `demo: true` and its reference starts DEMO.
 */
async function demoBooking(request: CreateBookingRequest) {
  const check = await checkAvailability(request);
  if (!check.available) {
    if (check.conflictReason === 'Bay already booked' || check.conflictReason === 'No bay available at this time') {
      throw new AppError('SLOT_UNAVAILABLE', undefined, {
        date: request.date,
        startTime: request.startTime,
        bay: request.bay ?? null,
        alternativeTimes: check.alternativeTimes,
      });
    }
    throw validationError({ startTime: check.conflictReason ?? 'Not bookable' });
  }
  return {
    success: true as const,
    bookingId: randomUUID(),
    bookingReference: `DEMO-${randomBytes(4).toString('hex').toUpperCase()}`,
    calendarEventId: null,
    confirmationSent: false,
    vipCode: null,
    demo: true as const,
  };
}

/** SHA-256 of a request's fields in key order: a reused Idempotency-Key with another body is caught (the desk's bookings too). */
export function requestHash(request: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.keys(request).sort().map((key) => [key, request[key]]));
  return createHash('sha256').update(canonical).digest('hex');
}
