import { z } from 'zod';
import { rpc, serviceCaller } from '@/lib/db';
import { composeReviewRequestEmail, composeReviewRequestLine } from '@/lib/notifications/compose/compose-review-request';
import { pushLineText } from '@/lib/notifications/providers/line-push';
import { sendOrRecordMail } from '@/lib/notifications/providers/mailer';
import { messageContext } from '@/lib/notifications/settings';
import { defineJobKind } from '../job-kind';

/** The payload of a review request job: the booking, and a channel a system caller forced. */
export const ReviewRequestJob = z.object({
  bookingId: z.string().uuid(),
  channel: z.enum(['email', 'line']).optional(),
  /** Recipients a system caller named instead of the booking's own. */
  email: z.string().optional(),
  lineUserId: z.string().optional(),
  customerName: z.string().optional(),
});
export type ReviewRequestJob = z.infer<typeof ReviewRequestJob>;

export type ReviewRequestResult =
  | { sent: true; channel: 'email' | 'line'; recipient: string }
  | { sent: false; skipped: string };

// Outbox job kind 'review_request': ask the customer of a completed booking for a review.
/**
 * Sends a booking's review request by LINE when its profile is a LINE identity (or the job
 * forces a channel), else by email. Reads the booking when it runs: a cancelled booking or
 * an opted-out customer is skipped (the job succeeds with `skipped`, so it is never retried).
 * The email's Message-ID and the LINE retry key derive from the booking, so a retry never
 * delivers twice. Throws NotificationError when the provider did not accept it.
 */
export async function sendReviewRequest(job: ReviewRequestJob, outboxJob: { id: string }): Promise<ReviewRequestResult> {
  const stored = await rpc('review_request_target', { p_booking_id: job.bookingId }, serviceCaller);
  if (stored.skipReason) return { sent: false, skipped: stored.skipReason };
  // A system caller may name the recipient (POST /api/notifications/send-review-request, line/review-request).
  const named = {
    ...stored,
    customerEmail: job.email ?? stored.customerEmail,
    lineUserId: job.lineUserId ?? stored.lineUserId,
    customerName: job.customerName ?? stored.customerName,
  };
  const { venue, notice: target } = await messageContext(named);
  const channel = job.channel ?? (target.lineUserId ? 'line' : 'email');
  if (channel === 'line') {
    if (!target.lineUserId) return { sent: false, skipped: 'Customer has no LINE account' };
    await pushLineText(target.lineUserId, composeReviewRequestLine(target, venue), outboxJob.id, `Review request of ${target.reference}`);
    return { sent: true, channel, recipient: target.lineUserId };
  }
  const { subject, text, html, preferencesUrl } = composeReviewRequestEmail(target, venue);
  await sendOrRecordMail(
    {
      to: { name: target.customerName, address: target.customerEmail },
      subject,
      text,
      html,
      messageId: `<review-${target.bookingId.replace(/-/g, '')}@${venue.domain}>`,
      headers: { 'X-Booking-Reference': target.reference },
      list: { unsubscribe: { url: preferencesUrl, comment: 'Preferences' } },
    },
    `Review request of ${target.reference}`,
    { bookingId: target.bookingId, jobId: outboxJob.id },
    venue,
  );
  return { sent: true, channel, recipient: target.customerEmail };
}

/**
 * review_request: queued when a booking completes (or by the system routes' schedule); it
 * reads the booking when it runs and skips a cancelled one itself, so it is not moot.
 */
export const reviewRequest = defineJobKind({
  payload: ReviewRequestJob,
  perform: sendReviewRequest,
  mootWhenBookingCancelled: false,
  queuedByNotificationRoutes: false,
});
