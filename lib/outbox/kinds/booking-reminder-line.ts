import { BookingReminderJob, prepareBookingReminder } from '@/lib/notifications/booking-reminder';
import { composeBookingReminderLine } from '@/lib/notifications/compose/compose-booking-reminder';
import { pushLineText } from '@/lib/notifications/providers/line-push';
import { messageContext } from '@/lib/notifications/settings';
import { defineJobKind } from '../job-kind';

// Outbox job kind 'booking_reminder_line': the reminder a lead time before the visit, by LINE.
/**
 * Pushes the short reminder text, with its own manage link, to the customer's linked LINE
 * account (read when it is sent), with the job id as LINE retry key, so a retried attempt is
 * never delivered twice. A stale reminder, or a customer no longer linked to LINE, is skipped.
 * Throws NotificationError when LINE did not accept it (retried with back-off).
 */
export async function sendBookingReminderLine(job: BookingReminderJob, outboxJob: { id: string }): Promise<Record<string, unknown>> {
  const reminder = await prepareBookingReminder(job, (target) => target.lineUserId, 'Customer has no LINE account');
  if (reminder.skipped !== undefined) return { sent: false, skipped: reminder.skipped };
  const { recipient, manageUrl } = reminder;
  const { venue, notice: target } = await messageContext(reminder.target);
  await pushLineText(recipient, composeBookingReminderLine(target, venue, manageUrl), outboxJob.id, `Reminder of ${target.reference}`);
  return { sent: true, recipient };
}

/** booking_reminder_line: queued by the booking triggers when the customer has a linked LINE account; moot once it is cancelled. */
export const bookingReminderLine = defineJobKind({
  payload: BookingReminderJob,
  perform: sendBookingReminderLine,
  mootWhenBookingCancelled: true,
  queuedByNotificationRoutes: false,
});
