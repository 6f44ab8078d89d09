import type { BookingChangeNotice } from '@/lib/db/functions';
import { calendarEventIdFor } from './booking-ids';
import { bookingCalendarEvent, calendarApi, httpStatus, serviceAccount } from './create-calendar-event';
import { NotificationError } from './notification-error';
import { recordOutgoingMessage } from './record-outgoing-message';
import { envValue } from './settings';

function calendarOf(notice: BookingChangeNotice): string | undefined {
  return notice.bayCalendarId ?? envValue('GOOGLE_CALENDAR_ID_DEFAULT');
}

function failure(action: string, notice: BookingChangeNotice, error: unknown): NotificationError {
  const status = httpStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  return new NotificationError('calendar', `Calendar event of ${notice.reference} not ${action}${status ? ` (HTTP ${status})` : ''}: ${message}`, {
    status,
    cause: error,
  });
}

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
  const eventId = calendarEventIdFor(notice.bookingId);
  const calendarId = calendarOf(notice);
  const account = serviceAccount();
  const event = bookingCalendarEvent(notice, eventId);
  if (!account) {
    await recordOutgoingMessage('calendar', calendarId ?? `(no calendar for ${notice.bay})`, `Updated: ${event.summary ?? ''}`, {
      action: 'update',
      calendarId: calendarId ?? null,
      eventId,
      event,
      sequence: notice.sequence,
      bookingId: notice.bookingId,
      jobId: job.id,
    });
    return { eventId };
  }
  if (!calendarId) throw new NotificationError('calendar', `No Google calendar for ${notice.bay}: set the bay's calendar id or GOOGLE_CALENDAR_ID_DEFAULT`);
  const calendar = calendarApi(account);
  try {
    await calendar.events.update({ calendarId, eventId, requestBody: event, sendUpdates: 'none' });
    return { eventId };
  } catch (error) {
    if (httpStatus(error) !== 404) throw failure('updated', notice, error);
  }
  try {
    await calendar.events.insert({ calendarId, requestBody: event, sendUpdates: 'none' });
    return { eventId };
  } catch (error) {
    throw failure('updated', notice, error);
  }
}

// Booking side effect: a cancelled booking's event leaves the staff calendar.
/**
 * Deletes the booking's event. An event that is already gone (404 or 410) counts as deleted,
 * so a retry is harmless. Without Google credentials the deletion is recorded instead.
 *
 * Throws NotificationError when Google refused or did not answer.
 */
export async function deleteCalendarEvent(notice: BookingChangeNotice, job: { id: string }): Promise<{ eventId: string; deleted: boolean }> {
  const eventId = calendarEventIdFor(notice.bookingId);
  const calendarId = calendarOf(notice);
  const account = serviceAccount();
  if (!account) {
    await recordOutgoingMessage('calendar', calendarId ?? `(no calendar for ${notice.bay})`, `Deleted: ${notice.reference}`, {
      action: 'delete',
      calendarId: calendarId ?? null,
      eventId,
      bookingId: notice.bookingId,
      jobId: job.id,
    });
    return { eventId, deleted: true };
  }
  if (!calendarId) throw new NotificationError('calendar', `No Google calendar for ${notice.bay}: set the bay's calendar id or GOOGLE_CALENDAR_ID_DEFAULT`);
  try {
    await calendarApi(account).events.delete({ calendarId, eventId, sendUpdates: 'none' });
    return { eventId, deleted: true };
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404 || status === 410) return { eventId, deleted: false };
    throw failure('deleted', notice, error);
  }
}
