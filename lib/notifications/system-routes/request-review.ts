import { z } from 'zod';
import { rpc, serviceCaller } from '@/lib/db';
import { processReviewRequests, reviewRequestTiming } from './process-review-requests';
import { deliveryOf, type Delivery } from './queue-and-attempt';
import type { LineReviewRequestRequest, ScheduleReviewRequestRequest, SendReviewRequestRequest } from './schemas';

/**
 * POST /api/notifications/schedule-review-request: queues (or moves, while untried) the
 * booking's one review request, by default at its end plus the configured delay. Sent by the
 * cron run when due; a request already sent is never sent again.
 */
export async function scheduleReviewRequest(body: z.output<typeof ScheduleReviewRequestRequest>) {
  let runAfter = body.scheduledTime;
  if (!runAfter) {
    const notice = await rpc('get_booking_notice', { p_booking_id: body.bookingId }, serviceCaller);
    runAfter = new Date(new Date(notice.endsAt).getTime() + reviewRequestTiming().delayMinutes * 60_000).toISOString();
  }
  const job = await rpc(
    'schedule_review_request',
    { p_booking_id: body.bookingId, p_run_after: runAfter, p_options: { email: body.customerEmail, customerName: body.customerName } },
    serviceCaller,
  );
  return { success: true as const, jobId: job.jobId, scheduledTime: new Date(job.scheduledTime).toISOString(), status: job.status };
}

/** Makes the booking's review request due now (with the caller's channel and recipient) and attempts it inline. */
async function sendNow(bookingId: string, options: Record<string, string | undefined>): Promise<Delivery> {
  const job = await rpc('schedule_review_request', { p_booking_id: bookingId, p_run_after: new Date().toISOString(), p_options: options }, serviceCaller);
  if (job.status === 'pending') await processReviewRequests({ bookingId, budgetMs: 10_000 });
  return deliveryOf(job.jobId);
}

/** POST /api/notifications/send-review-request: by email or LINE, at most once per booking. */
export function sendReviewRequestNow(body: z.output<typeof SendReviewRequestRequest>): Promise<Delivery> {
  return sendNow(body.bookingId, { channel: body.deliveryMethod, email: body.customerEmail, lineUserId: body.lineUserId });
}

/** POST /api/notifications/line/review-request: by LINE to the user given, at most once per booking. */
export function sendLineReviewRequest(body: z.output<typeof LineReviewRequestRequest>): Promise<Delivery> {
  return sendNow(body.bookingId, { channel: 'line', lineUserId: body.lineUserId, customerName: body.customerName });
}
