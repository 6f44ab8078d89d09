import type { LineMessageJob, NotificationEmailJob } from '@/lib/db/functions';
import { composeTemplateEmail } from './compose-template-email';
import { emailSender, sendOrRecordMail } from './mailer';
import { pushLineText } from './push-line-text';
import { venueDetails } from './settings';

// Outbox job kind 'line_message': a system caller's LINE text to a group or user.
/** Pushes the text with the job id as LINE retry key. Throws NotificationError when LINE refuses. */
export async function sendLineMessage(job: LineMessageJob, outboxJob: { id: string }): Promise<{ delivered: true; to: string }> {
  await pushLineText(job.to, job.text, outboxJob.id, `LINE message${job.type ? ` (${job.type})` : ''}`);
  return { delivered: true, to: job.to };
}

// Outbox job kind 'notification_email': a system caller's templated email.
/** Sends the template with a Message-ID derived from the job. Throws NotificationError when SMTP refuses. */
export async function sendNotificationEmail(job: NotificationEmailJob, outboxJob: { id: string }): Promise<{ messageId: string; to: string }> {
  const venue = venueDetails();
  const from = emailSender();
  const { subject, text, html, marketing, preferencesUrl } = composeTemplateEmail(job, venue);
  const { messageId } = await sendOrRecordMail(
    {
      from: { name: from.name, address: from.email },
      to: job.to,
      subject,
      text,
      html,
      messageId: `<notification-${outboxJob.id.replace(/-/g, '')}@${venue.domain}>`,
      ...(marketing ? { list: { unsubscribe: { url: preferencesUrl, comment: 'Preferences' } } } : {}),
    },
    `${job.template} email`,
    { from: `${from.name} <${from.email}>`, to: job.to, text, html, template: job.template, jobId: outboxJob.id },
  );
  return { messageId, to: job.to };
}
