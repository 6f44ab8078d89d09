import nodemailer from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import type Mail from 'nodemailer/lib/mailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { IcsOrganizer } from '../compose/build-booking-ics';
import { NotificationError } from '../notification-error';
import { readEnv } from '@/lib/config/env';
import { venueDetails, type VenueDetails } from '../settings';
import { recordOutgoingMessage } from './record-outgoing-message';

/**
 * The sender of EMAIL_FROM (`Name <address>` or a bare address): its address, under the
 * venue's name (venue settings, in the message's language), the one name every message uses;
 * a display name in EMAIL_FROM is not a second brand.
 */
export function parseEmailFrom(value: string, venue: VenueDetails): IcsOrganizer {
  // nodemailer's own parser (quoted names, commas, comments, groups), as it will read the header.
  const addresses = addressparser(value, { flatten: true });
  const [only] = addresses;
  if (addresses.length === 1 && only && /^[^\s@]+@[^\s@]+$/.test(only.address)) return { name: venue.name, email: only.address };
  throw new NotificationError('email', 'EMAIL_FROM must be an address, e.g. bookings@example.com');
}

/** The sender of customer emails: EMAIL_FROM's address, or bookings@ the app's domain when nothing is configured. */
export function emailSender(venue: VenueDetails): IcsOrganizer {
  const smtpUrl = readEnv('SMTP_URL');
  const fromValue = readEnv('EMAIL_FROM');
  if (smtpUrl && !fromValue) throw new NotificationError('email', 'SMTP_URL is set but EMAIL_FROM is not: set the sender address');
  return fromValue ? parseEmailFrom(fromValue, venue) : { name: venue.name, email: `bookings@${venue.domain}` };
}

/**
 * Sends one email from the sender (emailSender) over SMTP_URL (nodemailer, with the
 * SMTP_TIMEOUT_MS timeouts), or records it when no SMTP server is configured: the record
 * holds the sender, recipient, text and HTML, plus `record`. Resolves with its Message-ID.
 *
 * Throws NotificationError when the server refused the connection, sender, recipient or data,
 * or did not answer in time; `what` names the email in the error.
 *
 * At least once, not exactly once: SMTP has no idempotency key, so when a server keeps the
 * message but its reply to the final "." is lost (connection dropped, SMTP_TIMEOUT_MS passed),
 * the attempt fails and the outbox's retry sends a second copy. Every caller gives a
 * Message-ID fixed per job, so that copy carries the same Message-ID as the first and mail
 * systems (and people) can tell it is a repeat. Every other failure sends nothing and is
 * retried until it gets through once.
 */
export async function sendOrRecordMail(
  message: Omit<Mail.Options, 'from'> & { messageId: string; text: string; html?: string },
  what: string,
  record: Record<string, unknown>,
  /** The venue the message speaks for (its language); read now when not given. */
  venue?: VenueDetails,
): Promise<{ messageId: string }> {
  const from = emailSender(venue ?? (await venueDetails()));
  const mail: Mail.Options & { messageId: string } = { from: { name: from.name, address: from.email }, ...message };
  const smtpUrl = readEnv('SMTP_URL');
  if (!smtpUrl) {
    const to = typeof mail.to === 'object' && mail.to !== null && 'address' in mail.to ? String(mail.to.address) : String(mail.to);
    await recordOutgoingMessage('email', to, typeof mail.subject === 'string' ? mail.subject : null, {
      messageId: mail.messageId,
      from: `${from.name} <${from.email}>`,
      to,
      text: message.text,
      html: message.html,
      ...record,
    });
    return { messageId: mail.messageId };
  }
  const timeout = readEnv('SMTP_TIMEOUT_MS');
  const transport = nodemailer.createTransport(
    new SMTPTransport({ url: smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout, dnsTimeout: timeout, logger: false }),
  );
  try {
    const info = await transport.sendMail(mail);
    if (info.accepted.length === 0 || info.rejected.length > 0) {
      throw new NotificationError('email', `SMTP server did not accept the recipient of ${what}`);
    }
    return { messageId: info.messageId || mail.messageId };
  } catch (error) {
    if (error instanceof NotificationError) throw error;
    const smtpError = error as { message?: string; responseCode?: number };
    throw new NotificationError('email', `${what} not sent: ${smtpError.message ?? String(error)}`, { status: smtpError.responseCode, cause: error });
  } finally {
    transport.close();
  }
}
