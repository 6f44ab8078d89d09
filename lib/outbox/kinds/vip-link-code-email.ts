import { z } from 'zod';
import { composeLinkCodeEmail } from '@/lib/notifications/compose/compose-link-code-email';
import { sendOrRecordMail } from '@/lib/notifications/providers/mailer';
import { venueDetails } from '@/lib/notifications/settings';
import { defineJobKind } from '../job-kind';

/** The payload of a VIP link code email, written by link_vip_account. */
export const LinkCodeNotice = z.object({
  codeId: z.string().uuid(),
  code: z.string().regex(/^[0-9]{6}$/),
  customerName: z.string(),
  customerEmail: z.string(),
  expiresAt: z.string(),
  locale: z.enum(['en', 'th']),
});
export type LinkCodeNotice = z.infer<typeof LinkCodeNotice>;

// VIP side effect: the one-time code that proves a member can read the customer record's email.
/** Sends (or records) the link code email. Throws NotificationError when not accepted. */
export async function sendLinkCodeEmail(notice: LinkCodeNotice, job: { id: string }) {
  const venue = await venueDetails(notice.locale);
  const { subject, text } = composeLinkCodeEmail(notice, venue.name);
  return sendOrRecordMail(
    {
      to: { name: notice.customerName, address: notice.customerEmail },
      subject,
      text,
      // One per code (one job per code): a retry of the same email is recognisable as a repeat.
      messageId: `<link-code-${notice.codeId.replace(/-/g, '')}@${venue.domain}>`,
    },
    'Link code email',
    // The recording keeps the code: it is what a developer needs to finish the flow locally.
    { codeId: notice.codeId, jobId: job.id },

    venue,
  );
}

/** vip_link_code_email: no booking, so never moot. */
export const vipLinkCodeEmail = defineJobKind({
  payload: LinkCodeNotice,
  perform: sendLinkCodeEmail,
  mootWhenBookingCancelled: false,
  queuedByNotificationRoutes: false,
});
