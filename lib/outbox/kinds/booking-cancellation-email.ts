import { BookingChangeNotice } from '@/lib/db/functions';
import { defineJobKind } from '../job-kind';
import { sendChangeMail } from './booking-change-email';

// Booking side effect: the customer's email about a cancelled booking (.ics METHOD:CANCEL).
/**
 * booking_cancellation_email: queued by a cancellation (so never moot because of it), and by
 * POST /api/notifications/email/cancellation for an address a system caller names.
 */
export const bookingCancellationEmail = defineJobKind({
  payload: BookingChangeNotice,
  perform: (notice, job) => sendChangeMail(notice, 'cancelled', job),
  mootWhenBookingCancelled: false,
  queuedByNotificationRoutes: true,
});
