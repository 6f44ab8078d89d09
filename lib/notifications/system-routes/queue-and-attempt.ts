import { randomUUID } from 'node:crypto';
import { rpc, serviceCaller } from '@/lib/db';
import type { OutboxJobKind } from '@/lib/outbox/job-kinds';
import { JOB_LEASE_SECONDS, performJob } from '@/lib/outbox/process-outbox';
import { NotificationDeliveryResponse } from './schemas';

export interface Delivery {
  success: boolean;
  jobId: string;
  status: 'sent' | 'queued' | 'skipped';
  attempts: number;
  error?: string;
  skipped?: string;
}

/** What a job's state means to the caller: sent, skipped (never will be), or queued for a retry. */
export async function deliveryOf(jobId: string): Promise<Delivery> {
  const state = await rpc('outbox_job_state', { p_job_id: jobId }, serviceCaller);
  const skipped = typeof state.result?.skipped === 'string' ? state.result.skipped : undefined;
  if (state.status === 'succeeded') {
    return skipped
      ? { success: false, jobId, status: 'skipped', attempts: state.attempts, skipped }
      : { success: true, jobId, status: 'sent', attempts: state.attempts };
  }
  return { success: false, jobId, status: 'queued', attempts: state.attempts, ...(state.lastError ? { error: state.lastError } : {}) };
}

/**
 * Queues a notification as an outbox job, then attempts it inline: the answer says whether it
 * was sent; when the provider failed, the job stays queued and the outbox retries it.
 * `dedupeKey` makes a repeated request answer the first job instead of sending again.
 */
export async function queueAndAttempt(kind: OutboxJobKind, payload: Record<string, unknown>, options: { dedupeKey?: string; bookingId?: string } = {}): Promise<Delivery> {
  const { jobId } = await rpc(
    'queue_notification_job',
    { p_kind: kind, p_dedupe_key: options.dedupeKey ?? `${kind}:${randomUUID()}`, p_payload: payload, p_booking_id: options.bookingId },
    serviceCaller,
  );
  const [job] = await rpc('claim_outbox_job', { p_job_id: jobId, p_lease_seconds: JOB_LEASE_SECONDS }, serviceCaller);
  if (job) await performJob(job);
  return deliveryOf(jobId);
}

/** The route's answer: 202 for work that is queued but not done yet, 200 otherwise; validated as it leaves. */
export function deliveryResponse(delivery: Delivery): Response {
  return Response.json(NotificationDeliveryResponse.parse(delivery), {
    status: delivery.status === 'queued' ? 202 : 200,
    headers: { 'Cache-Control': 'no-store' },
  });
}
