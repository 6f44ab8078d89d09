import { z } from 'zod';
import { pushLineText } from '@/lib/notifications/providers/line-push';
import { defineJobKind } from '../job-kind';

/** The payload of a system LINE message (POST /api/notifications/line). */
export const LineMessageJob = z.object({ to: z.string(), text: z.string(), type: z.string().optional() });
export type LineMessageJob = z.infer<typeof LineMessageJob>;

// Outbox job kind 'line_message': a system caller's LINE text to a group or user.
/** Pushes the text with the job id as LINE retry key. Throws NotificationError when LINE refuses. */
export async function sendLineMessage(job: LineMessageJob, outboxJob: { id: string }): Promise<{ delivered: true; to: string }> {
  await pushLineText(job.to, job.text, outboxJob.id, `LINE message${job.type ? ` (${job.type})` : ''}`);
  return { delivered: true, to: job.to };
}

/** line_message: queued by POST /api/notifications/line; no booking. */
export const lineMessage = defineJobKind({
  payload: LineMessageJob,
  perform: sendLineMessage,
  mootWhenBookingCancelled: false,
  queuedByNotificationRoutes: true,
});
