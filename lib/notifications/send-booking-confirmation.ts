import type { BookingNotice } from '@/lib/db/functions';
import { confirmationMessageIdFor } from './booking-ids';
import { buildBookingIcs } from './build-booking-ics';
import { composeBookingConfirmation } from './compose-booking-confirmation';
import { emailSender, sendOrRecordMail } from './mailer';
import { venueDetails } from './settings';

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
export async function sendBookingConfirmation(notice: BookingNotice, job: { id: string }): Promise<{ messageId: string }> {
  const venue = venueDetails();
  const from = emailSender();
  const messageId = confirmationMessageIdFor(notice.bookingId, venue.domain);
  const { subject, text, html } = composeBookingConfirmation(notice, venue);
  const ics = buildBookingIcs({ notice, venue, organizer: from });
  return sendOrRecordMail(
    {
      from: { name: from.name, address: from.email },
      to: { name: notice.customerName, address: notice.customerEmail },
      subject,
      text,
      html,
      messageId,
      // nodemailer sends it both as the text/calendar alternative (method=REQUEST) that mail
      // clients show as an invitation and as an invite .ics attachment.
      icalEvent: { method: 'REQUEST', filename: `booking-${notice.reference}.ics`, content: ics },
      headers: { 'X-Booking-Reference': notice.reference },
    },
    `Confirmation email of ${notice.reference}`,
    { from: `${from.name} <${from.email}>`, to: notice.customerEmail, text, html, ics, bookingId: notice.bookingId, jobId: job.id },
  );
}
