import { rpc, serviceCaller } from '../db';
import { AppError } from '../http/errors';
import { enforceRateLimit } from '../http/rate-limit';
import { readJson } from '../http/request-body';
import { parseOrThrow } from '../http/route';
import { deliverInline } from '../outbox/inline-delivery';
import { CancelVipBookingRequest, ModifyVipBookingRequest } from '../vip/booking-changes';
import { hashManageToken, isManageToken, MANAGE_TOKEN_HEADER } from './manage-links';

/**
 * The manage link's token of a request, checked before anything else is read: absent is
 * 401; one of the wrong shape opens nothing (404, as an unknown one). Each presented token is
 * counted (manageLinkToken, by its hash) on top of the route's per-address limit. Returns the
 * token's hash, the only form the database sees.
 */
async function manageTokenHash(request: Request): Promise<string> {
  const token = request.headers.get(MANAGE_TOKEN_HEADER)?.trim();
  if (!token) throw new AppError('AUTH_REQUIRED', `This needs the booking's manage link (${MANAGE_TOKEN_HEADER})`);
  const hash = hashManageToken(token);
  await enforceRateLimit('manageLinkToken', hash);
  if (!isManageToken(token)) throw new AppError('MANAGE_LINK_INVALID');
  return hash;
}

/** GET /api/bookings/manage: the booking the link opens. */
export async function getManagedBooking(request: Request) {
  return rpc('get_managed_booking', { p_token_hash: await manageTokenHash(request) }, serviceCaller);
}

/** PUT /api/bookings/manage/modify: moves it (the VIP modify's rules), then tries its calendar update and change email inline. */
export async function modifyManagedBooking(request: Request) {
  const tokenHash = await manageTokenHash(request);
  const change = parseOrThrow(ModifyVipBookingRequest, await readJson(request));
  const result = await rpc('modify_managed_booking', { p_token_hash: tokenHash, p_change: change }, serviceCaller);
  if (result.changed) await deliverInline({ bookingId: result.booking.id }, `booking ${result.booking.id}: inline delivery of its change`);
  return { message: result.message, booking: result.booking };
}

/** POST /api/bookings/manage/cancel: cancels it, then tries its calendar delete and cancellation email inline. */
export async function cancelManagedBooking(request: Request) {
  const tokenHash = await manageTokenHash(request);
  const cancel = parseOrThrow(CancelVipBookingRequest, await readJson(request));
  const result = await rpc('cancel_managed_booking', { p_token_hash: tokenHash, p_cancel: cancel }, serviceCaller);
  if (result.changed) await deliverInline({ bookingId: result.booking.id }, `booking ${result.booking.id}: inline delivery of its change`);
  return { message: result.message, booking: result.booking };
}
