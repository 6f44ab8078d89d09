/**
 * Identifiers derived from the booking id alone, so every retry of a side effect names the
 * same email, calendar event and invitation, and providers can recognise a repeat.
 */

function uuidHex(bookingId: string): string {
  const hex = bookingId.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`Not a UUID: ${bookingId}`);
  return hex;
}

/**
 * The Google Calendar event id of a booking. Google accepts 5-1024 characters of base32hex
 * (a-v, 0-9): "booking" uses only those letters, and the UUID's hex digits are a subset.
 */
export function calendarEventIdFor(bookingId: string): string {
  return `booking${uuidHex(bookingId)}`;
}

/** The Message-ID of a booking's confirmation email, angle brackets included. */
export function confirmationMessageIdFor(bookingId: string, domain: string): string {
  return `<booking-${uuidHex(bookingId)}@${domain}>`;
}

/** The iCalendar UID of a booking's event. */
export function icsUidFor(bookingId: string, domain: string): string {
  return `booking-${uuidHex(bookingId)}@${domain}`;
}
