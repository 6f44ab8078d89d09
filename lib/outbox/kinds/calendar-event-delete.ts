import { BookingChangeNotice } from '@/lib/db/functions';
import { bookingEventTarget, calendarFailure, httpStatus } from '@/lib/notifications/providers/google-calendar';
import { recordOutgoingMessage } from '@/lib/notifications/providers/record-outgoing-message';
import { defineJobKind } from '../job-kind';

// Booking side effect: a cancelled booking's event leaves the staff calendar.
/**
 * Deletes the booking's event. An event that is already gone (404 or 410) counts as deleted,
 * so a retry is harmless. Without Google credentials the deletion is recorded instead.
 *
 * Throws NotificationError when Google refused or did not answer.
 */
export async function deleteCalendarEvent(notice: BookingChangeNotice, job: { id: string }): Promise<{ eventId: string; deleted: boolean }> {
  const target = bookingEventTarget(notice);
  const { eventId } = target;
  if (!target.api) {
    await recordOutgoingMessage('calendar', target.recipient, `Deleted: ${notice.reference}`, {
      action: 'delete',
      calendarId: target.calendarId,
      eventId,
      bookingId: notice.bookingId,
      jobId: job.id,
    });
    return { eventId, deleted: true };
  }
  try {
    await target.api.events.delete({ calendarId: target.calendarId, eventId, sendUpdates: 'none' });
    return { eventId, deleted: true };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 410) return { eventId, deleted: false };
    throw calendarFailure(`Calendar event of ${notice.reference} not deleted`, error);
  }
}

/** calendar_event_delete: queued by a cancellation, so never moot because of it. */
export const calendarEventDelete = defineJobKind({
  payload: BookingChangeNotice,
  perform: deleteCalendarEvent,
  mootWhenBookingCancelled: false,
  queuedByNotificationRoutes: false,
});
