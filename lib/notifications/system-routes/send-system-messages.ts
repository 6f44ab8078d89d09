import { z } from 'zod';
import { rpc, serviceCaller } from '@/lib/db';
import { queueAndAttempt, type Delivery } from './queue-and-attempt';
import type { EmailCancellationRequest, SendEmailNotificationRequest, SendLineNotificationRequest } from './schemas';

/** POST /api/notifications/line: pushes the text to the group (or user) through the outbox. */
export function sendLineNotification(body: z.output<typeof SendLineNotificationRequest>): Promise<Delivery> {
  return queueAndAttempt('line_message', { to: body.groupId, text: body.message, type: body.type });
}

/** POST /api/notifications/email: the contract already checked the template's data (400 per field). */
export function sendEmailNotification(body: z.output<typeof SendEmailNotificationRequest>): Promise<Delivery> {
  const { data } = body;
  return queueAndAttempt('notification_email', { to: body.to, subject: body.subject, template: body.template, locale: body.locale ?? 'en', data });
}

/**
 * POST /api/notifications/email/cancellation: the cancelled booking's cancellation email
 * (with its .ics METHOD:CANCEL) to the address given, or the booking's. The same booking,
 * change and address answer the first job: never two emails for one request repeated.
 */
export async function sendCancellationEmail(body: z.output<typeof EmailCancellationRequest>): Promise<Delivery> {
  const notice = await rpc('booking_cancellation_notice', { p_booking_id: body.bookingId, p_email: body.customerEmail, p_reason: body.cancellationReason }, serviceCaller);
  return queueAndAttempt('booking_cancellation_email', notice, {
    bookingId: body.bookingId,
    dedupeKey: `booking_cancellation_email:${body.bookingId}:${notice.sequence}:to:${notice.customerEmail.toLowerCase()}`,
  });
}
