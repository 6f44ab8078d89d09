import { AppError } from '../http/errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path's booking id; one that is not a UUID names no booking (404, as an unknown one). */
export function bookingIdOrNotFound(bookingId: string): string {
  if (!UUID.test(bookingId)) throw new AppError('BOOKING_NOT_FOUND', undefined, { bookingId: bookingId.slice(0, 64) });
  return bookingId.toLowerCase();
}
