import { issueManageLink } from '@/lib/bookings/manage-links';
import { BookingChangeNotice } from '@/lib/db/functions';
import { buildBookingIcs } from '@/lib/notifications/compose/build-booking-ics';
import { composeBookingChange } from '@/lib/notifications/compose/compose-booking-change';
import { emailSender, sendOrRecordMail } from '@/lib/notifications/providers/mailer';
import { messageContext } from '@/lib/notifications/settings';
import { defineJobKind } from '../job-kind';

/**
 * Sends (or records) the customer's email about a changed or cancelled booking, with the
 * .ics (a higher SEQUENCE; METHOD:CANCEL for a cancellation) under a Message-ID per change.
 * Throws NotificationError when not accepted.
 */
export async function sendChangeMail(booking: BookingChangeNotice, kind: 'changed' | 'cancelled', job: { id: string }) {
  const { venue, notice } = await messageContext(booking);
  const from = emailSender(venue);
  // A changed booking's email carries a working manage link of its own; a cancelled one has none.
  const manageUrl = kind === 'changed' ? await issueManageLink(notice.bookingId) : null;
  const { subject, text, html } = composeBookingChange(notice, kind, venue, manageUrl);
  const method = kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const ics = buildBookingIcs({ notice, venue, organizer: from, sequence: notice.sequence, method, manageUrl });
  return sendOrRecordMail(
    {
      to: { name: notice.customerName, address: notice.customerEmail },
      subject,
      text,
      html,
      messageId: `<booking-${notice.bookingId.replace(/-/g, '')}-${kind === 'cancelled' ? 'cancel' : 'change'}-${notice.sequence}@${venue.domain}>`,
      icalEvent: { method, filename: `booking-${notice.reference}.ics`, content: ics },
      headers: { 'X-Booking-Reference': notice.reference },
    },
    `${kind === 'cancelled' ? 'Cancellation' : 'Change'} email of ${notice.reference}`,
    { ics, bookingId: notice.bookingId, jobId: job.id },
    venue,
  );
}

// Booking side effect: the customer's email about a changed booking (.ics with a higher SEQUENCE).
/** booking_change_email: queued with every modification; moot once the booking is cancelled. */
export const bookingChangeEmail = defineJobKind({
  payload: BookingChangeNotice,
  perform: (notice, job) => sendChangeMail(notice, 'changed', job),
  mootWhenBookingCancelled: true,
  queuedByNotificationRoutes: false,
});
