import { z } from 'zod';
import { sessionTokenOf, verifiedEmailOf } from '../auth/session-token';
import { rpc, type Caller } from '../db';
import { VipBooking, sqlFunctions } from '../db/functions';
import { defineContract } from '../http/contract';
import { BookingIdParams } from './schemas';
import { bookingIdOrNotFound } from './booking-id';

/**
 * Guest bookings a member may claim: made without an account (or with a guest sign-in) using
 * the email the member's session proved. The session token says whether its sign-in proved
 * the email (lib/auth/options.ts); that email reaches SQL as the caller's `verified_email`
 * claim, and SQL decides which bookings match and moves them.
 */

export const GuestBookingsResponse = sqlFunctions.get_claimable_guest_bookings.result.extend({
  verifiedEmail: z.string().nullable().describe('The email the session proved, that the bookings were found by; null for a session that proved none (then no bookings)'),
  bookings: z.array(VipBooking).describe('Bookings made as a guest with that email, newest first (at most 50)'),
});

// GET /api/vip/guest-bookings
export const guestBookingsContract = defineContract({
  method: 'GET',
  path: '/api/vip/guest-bookings',
  summary: 'Bookings made as a guest with the email the session verified, which the member can claim',
  tag: 'VIP',
  auth: 'member',
  rateLimit: 'vip',
  response: GuestBookingsResponse,
  errors: ['AUTH_REQUIRED', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

export const ClaimGuestBookingResponse = sqlFunctions.claim_guest_booking.result.extend({
  claimed: z.boolean().describe('false when the booking was already the member’s (a repeated claim)'),
});

// POST /api/vip/guest-bookings/{bookingId}/claim
export const claimGuestBookingContract = defineContract({
  method: 'POST',
  path: '/api/vip/guest-bookings/{bookingId}/claim',
  summary: 'Move a booking made as a guest with the verified email into the member’s account',
  tag: 'VIP',
  auth: 'member',
  rateLimit: 'vip',
  params: BookingIdParams,
  response: ClaimGuestBookingResponse,
  errors: ['AUTH_REQUIRED', 'EMAIL_NOT_VERIFIED', 'BOOKING_NOT_FOUND', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

/** The member caller with the email their session's sign-in proved, if any. */
async function verifiedMemberCaller(request: Request, profileId: string): Promise<Caller> {
  const verifiedEmail = verifiedEmailOf(await sessionTokenOf(request));
  return verifiedEmail ? { role: 'authenticated', userId: profileId, verifiedEmail } : { role: 'authenticated', userId: profileId };
}

export async function listClaimableGuestBookings(request: Request, profileId: string) {
  return rpc('get_claimable_guest_bookings', {}, await verifiedMemberCaller(request, profileId));
}

export async function claimGuestBooking(request: Request, profileId: string, rawBookingId: string) {
  const bookingId = bookingIdOrNotFound(rawBookingId);
  return rpc('claim_guest_booking', { p_booking_id: bookingId }, await verifiedMemberCaller(request, profileId));
}
