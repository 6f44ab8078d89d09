import { memberCaller, rpc } from '../db';
import type { CancelVipBookingRequest } from './booking-changes';
import { bookingIdOrNotFound } from './booking-id';
import { deliverInline } from '../outbox/inline-delivery';

/**
 * Cancels the member's future confirmed booking once (package hours return), then tries
 * its calendar delete and cancellation email inline. A booking already cancelled is
 * answered as it is.
 */
export async function cancelBooking(profileId: string, rawBookingId: string, request: CancelVipBookingRequest) {
  const bookingId = bookingIdOrNotFound(rawBookingId);
  const result = await rpc('cancel_vip_booking', { p_booking_id: bookingId, p_cancel: request }, memberCaller(profileId));
  if (result.changed) await deliverInline({ bookingId }, `booking ${bookingId}: inline delivery of its change`);
  return { message: result.message, booking: result.booking };
}
