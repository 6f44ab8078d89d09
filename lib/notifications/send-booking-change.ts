import type { BookingChangeNotice, LinkCodeNotice } from '@/lib/db/functions';
import { buildBookingIcs } from './build-booking-ics';
import { composeBookingChange } from './compose-booking-change';
import { emailSender, sendOrRecordMail } from './mailer';
import { venueDetails } from './settings';

function changeMessageId(notice: BookingChangeNotice, kind: 'change' | 'cancel', domain: string): string {
  return `<booking-${notice.bookingId.replace(/-/g, '')}-${kind}-${notice.sequence}@${domain}>`;
}

async function sendChangeMail(notice: BookingChangeNotice, kind: 'changed' | 'cancelled', job: { id: string }) {
  const venue = venueDetails();
  const from = emailSender();
  const { subject, text, html } = composeBookingChange(notice, kind, venue);
  const method = kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const ics = buildBookingIcs({ notice, venue, organizer: from, sequence: notice.sequence, method });
  const messageId = changeMessageId(notice, kind === 'cancelled' ? 'cancel' : 'change', venue.domain);
  return sendOrRecordMail(
    {
      from: { name: from.name, address: from.email },
      to: { name: notice.customerName, address: notice.customerEmail },
      subject,
      text,
      html,
      messageId,
      icalEvent: { method, filename: `booking-${notice.reference}.ics`, content: ics },
      headers: { 'X-Booking-Reference': notice.reference },
    },
    `${kind === 'cancelled' ? 'Cancellation' : 'Change'} email of ${notice.reference}`,
    { from: `${from.name} <${from.email}>`, to: notice.customerEmail, text, html, ics, bookingId: notice.bookingId, jobId: job.id },
  );
}

// Booking side effect: the customer's email about a changed booking (.ics with a higher SEQUENCE).
/** Sends (or records) the change email of a modified booking. Throws NotificationError when not accepted. */
export function sendBookingChangeEmail(notice: BookingChangeNotice, job: { id: string }) {
  return sendChangeMail(notice, 'changed', job);
}

// Booking side effect: the customer's email about a cancelled booking (.ics METHOD:CANCEL).
/** Sends (or records) the cancellation email of a booking. Throws NotificationError when not accepted. */
export function sendBookingCancellationEmail(notice: BookingChangeNotice, job: { id: string }) {
  return sendChangeMail(notice, 'cancelled', job);
}

const codeCopy = {
  en: {
    subject: (code: string) => `${code} is your verification code`,
    body: (name: string, code: string, venue: string) =>
      `Hello ${name},\n\nSomeone asked to link a ${venue} online account to your customer record. If it was you, enter this code:\n\n${code}\n\nIt works for 10 minutes. If it was not you, ignore this email: nothing is linked without the code.\n\n${venue}\n`,
  },
  th: {
    subject: (code: string) => `รหัสยืนยันของคุณคือ ${code}`,
    body: (name: string, code: string, venue: string) =>
      `สวัสดีคุณ ${name}\n\nมีคำขอเชื่อมบัญชีออนไลน์ของ ${venue} กับข้อมูลลูกค้าของคุณ หากเป็นคุณ โปรดใส่รหัสนี้:\n\n${code}\n\nรหัสใช้ได้ 10 นาที หากไม่ใช่คุณ โปรดเพิกเฉยต่ออีเมลนี้ ไม่มีการเชื่อมบัญชีหากไม่มีรหัส\n\n${venue}\n`,
  },
} as const;

// VIP side effect: the one-time code that proves a member can read the customer record's email.
/** Sends (or records) the link code email. Throws NotificationError when not accepted. */
export function sendLinkCodeEmail(notice: LinkCodeNotice, job: { id: string }) {
  const venue = venueDetails();
  const from = emailSender();
  const t = codeCopy[notice.locale];
  const text = t.body(notice.customerName, notice.code, venue.name);
  return sendOrRecordMail(
    {
      from: { name: from.name, address: from.email },
      to: { name: notice.customerName, address: notice.customerEmail },
      subject: t.subject(notice.code),
      text,
      // One per code (one job per code): a retry of the same email is recognisable as a repeat.
      messageId: `<link-code-${notice.codeId.replace(/-/g, '')}@${venue.domain}>`,
    },
    'Link code email',
    // The recording keeps the code: it is what a developer needs to finish the flow locally.
    { from: `${from.name} <${from.email}>`, to: notice.customerEmail, text, codeId: notice.codeId, jobId: job.id },
  );
}
