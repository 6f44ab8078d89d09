import type { BookingNotice } from '@/lib/db/functions';
import { icsUidFor } from './booking-ids';
import type { VenueDetails } from '../settings';

export interface IcsOrganizer {
  name: string;
  email: string;
}

/** Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (RFC 5545 3.2): quoted when it holds : ; or , and never a double quote. */
function icsParam(value: string): string {
  const clean = value.replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** A mailto: address with anything that could end the line or the value taken out. */
function icsMailto(email: string): string {
  return `mailto:${email.replace(/[\s"<>]/g, '')}`;
}

/** Folds a content line to at most 75 octets per line (RFC 5545 3.1), never inside a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines start with a space, which counts towards their 75 octets.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** An instant as a UTC DATE-TIME, e.g. 20261127T110000Z. */
export function icsUtc(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new Error(`Not an instant: ${String(instant)}`);
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * The calendar invitation attached to a booking's confirmation: one VEVENT with a UID
 * derived from the booking id and SEQUENCE 0 (a later change of the booking sends the same
 * UID with a higher sequence), times in UTC so no time-zone definition is needed.
 */
export function buildBookingIcs(input: {
  notice: BookingNotice;
  venue: VenueDetails;
  organizer: IcsOrganizer;
  now?: Date;
  /** The booking's change count: a change or cancellation must carry a higher SEQUENCE than what the customer has. */
  sequence?: number;
  /** REQUEST for a new or changed booking, CANCEL for a cancelled one. */
  method?: 'REQUEST' | 'CANCEL';
  /** The booking's manage link (lib/bookings/manage-links.ts), as the event's URL; none for a cancellation. */
  manageUrl?: string | null;
}): string {
  const method = input.method ?? 'REQUEST';
  const { notice, venue, organizer } = input;
  const summary = `${venue.name}: ${notice.bay} (${notice.reference})`;
  const description = [
    `Booking ${notice.reference}`,
    `${notice.bay}, ${notice.date} ${notice.startTime}-${notice.endTime} (Bangkok time)`,
    `${notice.numberOfPeople} ${notice.numberOfPeople === 1 ? 'person' : 'people'}`,
    ...(input.manageUrl ? [`Change or cancel: ${input.manageUrl}`] : []),
    `Phone: ${venue.phone}`,
  ].join('\n');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${escapeIcsText(venue.name)}//Bookings//EN`,
    'CALSCALE:GREGORIAN',
    `METHOD:${method}`,
    'BEGIN:VEVENT',
    `UID:${icsUidFor(notice.bookingId, venue.domain)}`,
    `SEQUENCE:${input.sequence ?? 0}`,
    `DTSTAMP:${icsUtc(input.now ?? new Date())}`,
    `DTSTART:${icsUtc(notice.startsAt)}`,
    `DTEND:${icsUtc(notice.endsAt)}`,
    `SUMMARY:${escapeIcsText(summary)}`,
    `LOCATION:${escapeIcsText(`${venue.name}, ${venue.address}`)}`,
    `DESCRIPTION:${escapeIcsText(description)}`,
    ...(input.manageUrl ? [`URL:${input.manageUrl}`] : []),
    `ORGANIZER;CN=${icsParam(organizer.name)}:${icsMailto(organizer.email)}`,
    `ATTENDEE;CN=${icsParam(notice.customerName)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:${icsMailto(notice.customerEmail)}`,
    method === 'CANCEL' ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldIcsLine).join('\r\n') + '\r\n';
}
