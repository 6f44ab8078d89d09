import { BookingChangeNotice } from '@/lib/db/functions';
import { bookingCalendarEvent, bookingEventTarget, calendarFailure, httpStatus } from '@/lib/notifications/providers/google-calendar';
import { recordOutgoingMessage } from '@/lib/notifications/providers/record-outgoing-message';
import { defineJobKind } from '../job-kind';

// Booking side effect: a modified booking's event moves with it.
/**
 * Replaces the booking's event (the id derived from the booking) with the booking as it is
 * now. An event that does not exist yet (its creation still queued or failed) is inserted,
 * so the calendar ends up right whatever order the jobs run in. Without Google credentials
 * the update is recorded instead.
 *
 * Throws NotificationError when the event was neither updated nor inserted.
 */
export async function updateCalendarEvent(notice: BookingChangeNotice, job: { id: string }): Promise<{ eventId: string }> {
  const target = bookingEventTarget(notice);
  const { eventId } = target;
  const event = await bookingCalendarEvent(notice, eventId);
  if (!target.api) {
    await recordOutgoingMessage('calendar', target.recipient, `Updated: ${event.summary ?? ''}`, {
      action: 'update',
      calendarId: target.calendarId,
      eventId,
      event,
      sequence: notice.sequence,
      bookingId: notice.bookingId,
      jobId: job.id,
    });
    return { eventId };
  }
  const { api: calendar, calendarId } = target;
  const failure = (error: unknown) => calendarFailure(`Calendar event of ${notice.reference} not updated`, error);
  try {
    await calendar.events.update({ calendarId, eventId, requestBody: event, sendUpdates: 'none' });
    return { eventId };
  } catch (error) {
    if (httpStatus(error) !== 404) throw failure(error);
  }
  try {
    await calendar.events.insert({ calendarId, requestBody: event, sendUpdates: 'none' });
    return { eventId };
  } catch (error) {
    throw failure(error);
  }
}

/** calendar_event_update: queued with every modification; moot once the booking is cancelled. */
export const calendarEventUpdate = defineJobKind({
  payload: BookingChangeNotice,
  perform: updateCalendarEvent,
  mootWhenBookingCancelled: true,
  queuedByNotificationRoutes: false,
});
