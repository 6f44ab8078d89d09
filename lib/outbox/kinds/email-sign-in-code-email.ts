import { z } from 'zod';
import { composeSignInCodeEmail } from '@/lib/notifications/compose/compose-sign-in-code-email';
import { sendOrRecordMail } from '@/lib/notifications/providers/mailer';
import { venueDetails } from '@/lib/notifications/settings';
import { defineJobKind } from '../job-kind';

/** The payload of a sign-in code email, written by request_email_sign_in_code. */
export const SignInCodeNotice = z.object({
  codeId: z.string().uuid(),
  code: z.string().regex(/^[0-9]{6}$/),
  email: z.string(),
  expiresAt: z.string(),
  locale: z.enum(['en', 'th']),
});
export type SignInCodeNotice = z.infer<typeof SignInCodeNotice>;

/** Sends (or records) the sign-in code email. Throws NotificationError when not accepted. */
export async function sendSignInCodeEmail(notice: SignInCodeNotice, job: { id: string }) {
  const venue = await venueDetails(notice.locale);
  const { subject, text } = composeSignInCodeEmail(notice, venue.name);
  return sendOrRecordMail(
    {
      to: notice.email,
      subject,
      text,
      // One per code (one job per code): a retry of the same email is recognisable as a repeat.
      messageId: `<sign-in-code-${notice.codeId.replace(/-/g, '')}@${venue.domain}>`,
    },
    'Sign-in code email',
    // The recording keeps the code: it is what a developer needs to sign in locally.
    { codeId: notice.codeId, jobId: job.id },

    venue,
  );
}

/** email_sign_in_code_email: no booking, so never moot. */
export const emailSignInCodeEmail = defineJobKind({
  payload: SignInCodeNotice,
  perform: sendSignInCodeEmail,
  mootWhenBookingCancelled: false,
  queuedByNotificationRoutes: false,
});
