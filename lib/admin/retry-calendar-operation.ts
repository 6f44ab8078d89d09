import { z } from 'zod';
import { rpc, serviceCaller } from '@/lib/db';
import { AppError } from '@/lib/http/errors';
import { deleteCalendarEvent } from '@/lib/outbox/kinds/calendar-event-delete';
import { updateCalendarEvent } from '@/lib/outbox/kinds/calendar-event-update';
import { NotificationError } from '@/lib/notifications/notification-error';
import type { CalendarRetryRequest } from './schemas';

const messages = {
  create: 'Calendar event created successfully',
  update: 'Calendar event updated successfully',
  delete: 'Calendar event deleted successfully',
} as const;

/**
 * Performs a booking's calendar operation now, as an admin asked. Create and update both
 * write the event under the id derived from the booking (update, else insert), so an
 * existing event is rewritten, never duplicated, and a missing one is recreated. On success
 * the booking's queued or given-up calendar jobs are marked done. 502 when Google refuses.
 */
export async function retryCalendarOperation(body: z.output<typeof CalendarRetryRequest>) {
  const notice = await rpc('calendar_retry_notice', { p_booking_id: body.bookingId }, serviceCaller);
  if (body.operationType !== 'delete' && notice.status === 'cancelled') {
    throw new AppError('CONFLICT', 'The booking is cancelled: only its calendar event can be deleted', { bookingId: body.bookingId });
  }
  const job = { id: `admin-retry-${body.bookingId}` };
  let eventId: string;
  try {
    eventId = body.operationType === 'delete' ? (await deleteCalendarEvent(notice, job)).eventId : (await updateCalendarEvent(notice, job)).eventId;
  } catch (error) {
    if (!(error instanceof NotificationError)) throw error;
    console.error(`calendar retry of booking ${body.bookingId} failed:`, error.message);
    throw new AppError('BAD_GATEWAY', `Google Calendar did not accept the ${body.operationType}; try again later`);
  }
  await rpc(
    'resolve_calendar_jobs',
    { p_booking_id: body.bookingId, p_operation: body.operationType, p_event_id: body.operationType === 'delete' ? undefined : eventId },
    serviceCaller,
  );
  return { success: true as const, calendarEventId: eventId, retryAttempt: (body.retryCount ?? 0) + 1, message: messages[body.operationType] };
}
