import { z } from 'zod';
import { composeStaffInvitationEmail } from '@/lib/notifications/compose/compose-staff-invitation-email';
import { sendOrRecordMail } from '@/lib/notifications/providers/mailer';
import { venueDetails } from '@/lib/notifications/settings';
import { defineJobKind } from '../job-kind';

/** The payload of a staff invitation email, written by invite_staff_member. */
export const StaffInvitationNotice = z.object({
  memberId: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(['staff', 'admin']),
  invitedBy: z.string(),
});

/** Sends (or records) the invitation. Throws NotificationError when not accepted (the outbox retries). */
async function sendStaffInvitationEmail(notice: z.infer<typeof StaffInvitationNotice>, job: { id: string }) {
  const [en, th] = [await venueDetails('en'), await venueDetails('th')];
  const { subject, text } = composeStaffInvitationEmail(notice, { en: en.name, th: th.name }, en.baseUrl);
  return sendOrRecordMail(
    {
      to: notice.email,
      subject,
      text,
      // One per staff account (one job each): a retry is recognisable as a repeat.
      messageId: `<staff-invitation-${notice.memberId.replace(/-/g, '')}@${en.domain}>`,
    },
    'Staff invitation email',
    { memberId: notice.memberId, jobId: job.id },
    en,
  );
}

/** staff_invitation_email: no booking, so never moot. */
export const staffInvitationEmail = defineJobKind({
  payload: StaffInvitationNotice,
  perform: sendStaffInvitationEmail,
  mootWhenBookingCancelled: false,
  queuedByNotificationRoutes: false,
});
