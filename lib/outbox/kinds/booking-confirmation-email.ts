import { issueManageLink } from '@/lib/bookings/manage-links';
import { BookingNotice } from '@/lib/db/functions';
import { confirmationMessageIdFor } from '@/lib/notifications/compose/booking-ids';
import { buildBookingIcs } from '@/lib/notifications/compose/build-booking-ics';
import { composeBookingConfirmation } from '@/lib/notifications/compose/compose-booking-confirmation';
import { emailSender, sendOrRecordMail } from '@/lib/notifications/providers/mailer';
import { messageContext } from '@/lib/notifications/settings';
import { defineJobKind, type JobAttempt } from '../job-kind';

// Booking side effect: the customer's confirmation email (with a calendar invitation).
/**
 * Sends the confirmation email of a booking over SMTP (SMTP_URL) in the customer's language,
 * with an .ics invitation attached, and resolves with its Message-ID, which is derived from
 * the booking id so a repeat is recognisable. Without SMTP_URL the email is recorded
 * (record_outgoing_message) instead of sent.
 *
 * Throws NotificationError when the mail was not accepted: the server refused the
 * connection, the sender, the recipient or the data, did not answer within SMTP_TIMEOUT_MS,
 * or EMAIL_FROM is missing or invalid while SMTP_URL is set.
 */
export async function sendBookingConfirmation(booking: BookingNotice, job: JobAttempt): Promise<{ messageId: string }> {
  // The venue, bay and package named in the customer's language; beside that read, a link of
  // its own per message, issued now unless it came with the booking: the payload never holds a token.
  const [{ venue, notice }, manageUrl] = await Promise.all([messageContext(booking, job.brand), job.manageUrl ?? issueManageLink(booking.bookingId)]);
  const from = emailSender(venue);
  const { subject, text, html } = composeBookingConfirmation(notice, venue, manageUrl);
  const ics = buildBookingIcs({ notice, venue, organizer: from, manageUrl });
  return sendOrRecordMail(
    {
      to: { name: notice.customerName, address: notice.customerEmail },
      subject,
      text,
      html,
      messageId: confirmationMessageIdFor(notice.bookingId, venue.domain),
      // nodemailer sends it both as the text/calendar alternative (method=REQUEST) that mail
      // clients show as an invitation and as an invite .ics attachment.
      icalEvent: { method: 'REQUEST', filename: `booking-${notice.reference}.ics`, content: ics },
      headers: { 'X-Booking-Reference': notice.reference },
    },
    `Confirmation email of ${notice.reference}`,
    { ics, bookingId: notice.bookingId, jobId: job.id },
    venue,
  );
}

/** booking_confirmation_email: queued with every new booking; moot once it is cancelled. */
export const bookingConfirmationEmail = defineJobKind({
  payload: BookingNotice,
  perform: sendBookingConfirmation,
  mootWhenBookingCancelled: true,
  queuedByNotificationRoutes: false,
});
