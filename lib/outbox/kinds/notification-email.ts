import { z } from 'zod';
import { composeTemplateEmail, emailTemplates } from '@/lib/notifications/compose/compose-template-email';
import { sendOrRecordMail } from '@/lib/notifications/providers/mailer';
import { venueDetails } from '@/lib/notifications/settings';
import { defineJobKind } from '../job-kind';

/** The payload of a templated system email (POST /api/notifications/email). */
export const NotificationEmailJob = z.object({
  to: z.string(),
  subject: z.string(),
  template: z.enum(emailTemplates),
  locale: z.enum(['en', 'th']),
  data: z.record(z.string(), z.unknown()),
});
export type NotificationEmailJob = z.infer<typeof NotificationEmailJob>;

// Outbox job kind 'notification_email': a system caller's templated email.
/** Sends the template with a Message-ID derived from the job. Throws NotificationError when SMTP refuses. */
export async function sendNotificationEmail(job: NotificationEmailJob, outboxJob: { id: string }): Promise<{ messageId: string; to: string }> {
  const venue = await venueDetails(job.locale);
  const { subject, text, html, marketing, preferencesUrl } = composeTemplateEmail(job, venue);
  const { messageId } = await sendOrRecordMail(
    {
      to: job.to,
      subject,
      text,
      html,
      messageId: `<notification-${outboxJob.id.replace(/-/g, '')}@${venue.domain}>`,
      ...(marketing ? { list: { unsubscribe: { url: preferencesUrl, comment: 'Preferences' } } } : {}),
    },
    `${job.template} email`,
    { template: job.template, jobId: outboxJob.id },
    venue,
  );
  return { messageId, to: job.to };
}

/** notification_email: queued by POST /api/notifications/email; no booking. */
export const notificationEmail = defineJobKind({
  payload: NotificationEmailJob,
  perform: sendNotificationEmail,
  mootWhenBookingCancelled: false,
  queuedByNotificationRoutes: true,
});
