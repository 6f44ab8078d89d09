import { memberCaller, rpc } from '../db';
import { bookingIdOrNotFound } from './booking-id';
import { deliverInline } from '../outbox/inline-delivery';
import type { ModifyVipBookingRequest } from './booking-changes';

/**
 * Moves the member's future confirmed booking (same bay, id and package) in one SQL
 * transaction, then tries its calendar update and change email inline.
 */
export async function modifyBooking(profileId: string, rawBookingId: string, request: ModifyVipBookingRequest) {
  const bookingId = bookingIdOrNotFound(rawBookingId);
  const result = await rpc('modify_vip_booking', { p_booking_id: bookingId, p_change: request }, memberCaller(profileId));
  if (result.changed) await deliverInline({ bookingId }, `booking ${bookingId}: inline delivery of its change`);
  return { message: result.message, booking: result.booking };
}
