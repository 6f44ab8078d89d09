import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { BookingNotice } from '@/lib/db/functions';
import { confirmationMessageIdFor } from './booking-ids';
import { buildBookingIcs, type IcsOrganizer } from './build-booking-ics';
import { composeBookingConfirmation } from './compose-booking-confirmation';
import { NotificationError } from './notification-error';
import { recordOutgoingMessage } from './record-outgoing-message';
import { envValue, timeoutMs, venueDetails, type VenueDetails } from './settings';

/** EMAIL_FROM as a name and an address: `Name <address>` or a bare address. */
export function parseEmailFrom(value: string, venue: VenueDetails): IcsOrganizer {
  const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (match) return { name: match[1]!.trim() || venue.name, email: match[2]! };
  if (/^[^\s<>@]+@[^\s<>@]+$/.test(value)) return { name: venue.name, email: value };
  throw new NotificationError('email', 'EMAIL_FROM must be an address, e.g. "Golf Bay Bangkok <bookings@example.com>"');
}

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
  const smtpUrl = envValue('SMTP_URL');
  const fromValue = envValue('EMAIL_FROM');
  if (smtpUrl && !fromValue) throw new NotificationError('email', 'SMTP_URL is set but EMAIL_FROM is not: set the sender address');
  const from = fromValue ? parseEmailFrom(fromValue, venue) : { name: venue.name, email: `bookings@${venue.domain}` };

  const messageId = confirmationMessageIdFor(notice.bookingId, venue.domain);
  const { subject, text, html } = composeBookingConfirmation(notice, venue);
  const ics = buildBookingIcs({ notice, venue, organizer: from });
  const mail: Mail.Options = {
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
  };

  if (!smtpUrl) {
    await recordOutgoingMessage('email', notice.customerEmail, subject, {
      from: `${from.name} <${from.email}>`,
      to: notice.customerEmail,
      messageId,
      text,
      html,
      ics,
      bookingId: notice.bookingId,
      jobId: job.id,
    });
    return { messageId };
  }

  const timeout = timeoutMs('SMTP_TIMEOUT_MS');
  // The transport is built here, not by createTransport({ url, ... }): given a `url`,
  // createTransport keeps only what the URL says and drops every other option (the timeouts).
  const transport = nodemailer.createTransport(
    new SMTPTransport({
      url: smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      dnsTimeout: timeout,
      logger: false,
    }),
  );
  try {
    const info = await transport.sendMail(mail);
    const rejected = info.rejected.map(String);
    if (info.accepted.length === 0 || rejected.length > 0) {
      throw new NotificationError('email', `SMTP server did not accept the recipient of ${notice.reference}`);
    }
    return { messageId: info.messageId || messageId };
  } catch (error) {
    if (error instanceof NotificationError) throw error;
    const smtpError = error as { message?: string; code?: string; responseCode?: number };
    throw new NotificationError('email', `Confirmation email of ${notice.reference} not sent: ${smtpError.message ?? String(error)}`, {
      status: smtpError.responseCode,
      cause: error,
    });
  } finally {
    transport.close();
  }
}
