import { rpc, serviceCaller } from '../db';
import { AppError } from '../http/errors';
import { createCalendarEvent } from '../outbox/kinds/calendar-event-create';

/**
 * Creates a booking's staff calendar event now, through the same adapter as the outbox
 * (its event id is derived from the booking, so this and the outbox job make one event).
 */
export async function mirrorBookingToCalendar(bookingId: string, calendarId?: string) {
  const notice = await rpc('get_booking_notice', { p_booking_id: bookingId }, serviceCaller);
  try {
    const { eventId } = await createCalendarEvent({ ...notice, bayCalendarId: calendarId ?? notice.bayCalendarId }, { id: bookingId });
    return { success: true as const, calendarEventId: eventId, message: 'Calendar event created successfully' };
  } catch (error) {
    console.error(`calendar event for booking ${bookingId} failed:`, (error as Error).message);
    throw new AppError('BAD_GATEWAY', 'Google Calendar did not accept the event; the booking keeps its queued calendar job');
  }
}
