import { BookingReminderJob, prepareBookingReminder } from '@/lib/notifications/booking-reminder';
import { composeBookingReminderEmail } from '@/lib/notifications/compose/compose-booking-reminder';
import { sendOrRecordMail } from '@/lib/notifications/providers/mailer';
import { messageContext } from '@/lib/notifications/settings';
import { defineJobKind } from '../job-kind';

// Outbox job kind 'booking_reminder_email': the reminder a lead time before the visit, by email.
/**
 * Emails the reminder in the booking's language with its own manage link, and a Message-ID
 * derived from the job (a retry names the same message). A stale reminder (cancelled, moved,
 * visit started) is skipped. Throws NotificationError when SMTP did not accept it (retried
 * with back-off).
 */
export async function sendBookingReminderEmail(job: BookingReminderJob, outboxJob: { id: string }): Promise<Record<string, unknown>> {
  const reminder = await prepareBookingReminder(job, (target) => target.customerEmail, 'Booking has no email');
  if (reminder.skipped !== undefined) return { sent: false, skipped: reminder.skipped };
  const { recipient, manageUrl } = reminder;
  const { venue, notice: target } = await messageContext(reminder.target);
  const { subject, text, html } = composeBookingReminderEmail(target, venue, manageUrl);
  const { messageId } = await sendOrRecordMail(
    {
      to: { name: target.customerName, address: recipient },
      subject,
      text,
      html,
      messageId: `<reminder-${outboxJob.id.replace(/-/g, '')}@${venue.domain}>`,
      headers: { 'X-Booking-Reference': target.reference },
    },
    `Reminder of ${target.reference}`,
    { bookingId: target.bookingId, jobId: outboxJob.id },
    venue,
  );
  return { sent: true, messageId, recipient };
}

/** booking_reminder_email: queued by the booking triggers for every confirmed booking; moot once it is cancelled. */
export const bookingReminderEmail = defineJobKind({
  payload: BookingReminderJob,
  perform: sendBookingReminderEmail,
  mootWhenBookingCancelled: true,
  queuedByNotificationRoutes: false,
});
