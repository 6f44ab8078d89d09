import { BookingNotice } from '@/lib/db/functions';
import { NotificationError } from '@/lib/notifications/notification-error';
import { bookingCalendarEvent, bookingEventTarget, calendarFailure, httpStatus } from '@/lib/notifications/providers/google-calendar';
import { recordOutgoingMessage } from '@/lib/notifications/providers/record-outgoing-message';
import { defineJobKind, type JobAttempt } from '../job-kind';

// Booking side effect: the booking's event in its bay's Google Calendar.
/**
 * Inserts the booking's event into the bay's calendar (notice.bayCalendarId, else
 * GOOGLE_CALENDAR_ID_DEFAULT) as the service account, with an event id derived from the
 * booking id: a retry whose first try did land answers 409, which counts as success, so
 * there is never a second event. Resolves with that event id. Without Google credentials
 * the event is recorded (record_outgoing_message) instead.
 *
 * Throws NotificationError when the event was not created: the token or Calendar API
 * refused or failed (status set), no answer within GOOGLE_CALENDAR_TIMEOUT_MS, the
 * credentials are half set or invalid, or no calendar is known for the bay.
 */
export async function createCalendarEvent(notice: BookingNotice, job: JobAttempt): Promise<{ eventId: string }> {
  const target = bookingEventTarget(notice);
  const { eventId } = target;
  const event = await bookingCalendarEvent(notice, eventId, job.brand);
  if (!target.api) {
    await recordOutgoingMessage('calendar', target.recipient, event.summary ?? null, {
      calendarId: target.calendarId,
      eventId,
      event,
      bookingId: notice.bookingId,
      jobId: job.id,
    });
    return { eventId };
  }
  const { api: calendar, calendarId } = target;
  try {
    const response = await calendar.events.insert({ calendarId, requestBody: event, sendUpdates: 'none' });
    return { eventId: response.data.id ?? eventId };
  } catch (error) {
    // The id is taken: an earlier attempt created this booking's event (its reply was lost).
    if (httpStatus(error) !== 409) throw calendarFailure(`Calendar event of ${notice.reference} not created`, error);
  }
  // It counts as created when it is there; one that was deleted since (Google keeps it as
  // 'cancelled') is restored, since this booking is live.
  try {
    const existing = await calendar.events.get({ calendarId, eventId });
    if (existing.data.status === 'cancelled') await calendar.events.update({ calendarId, eventId, requestBody: event, sendUpdates: 'none' });
    return { eventId };
  } catch (error) {
    const status = httpStatus(error);
    throw new NotificationError('calendar', `Calendar event of ${notice.reference} exists but could not be read${status ? ` (HTTP ${status})` : ''}`, {
      status,
      cause: error,
    });
  }
}

/** calendar_event_create: queued with every new booking; moot once it is cancelled. */
export const calendarEventCreate = defineJobKind({
  payload: BookingNotice,
  perform: createCalendarEvent,
  mootWhenBookingCancelled: true,
  queuedByNotificationRoutes: false,
});
