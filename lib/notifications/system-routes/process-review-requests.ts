import { rpc, serviceCaller } from '@/lib/db';
import { JOB_LEASE_SECONDS, performJob } from '@/lib/outbox/process-outbox';
import { readEnv } from '@/lib/config/env';

/** REVIEW_REQUEST_DELAY_MINUTES after a booking's end it is due; up to REVIEW_REQUEST_MAX_AGE_HOURS after that it is still sent. */
export function reviewRequestTiming(): { delayMinutes: number; maxAgeMinutes: number } {
  return {
    delayMinutes: readEnv('REVIEW_REQUEST_DELAY_MINUTES'),
    maxAgeMinutes: Math.max(1, readEnv('REVIEW_REQUEST_MAX_AGE_HOURS') * 60),
  };
}

export interface ReviewRequestRun {
  processed: number;
  sent: number;
  skipped: number;
  failed: number;
  errors: Array<{ bookingId: string; error: string }>;
}

type Claimed = { id: string; payload: unknown; attempt: number; bookingId: string | null };

async function perform(job: Claimed, run: ReviewRequestRun): Promise<void> {
  const done = await performJob({ ...job, kind: 'review_request' });
  if (done.outcome === 'succeeded') {
    run[done.result.sent ? 'sent' : 'skipped'] += 1;
  } else {
    run.failed += 1;
    run.errors.push({ bookingId: job.bookingId ?? 'unknown', error: done.error });
  }
}

/**
 * The cron run: queues the review request of every booking that completed (ended at least
 * the delay ago, at most the max age), then sends every due request, batch after batch,
 * until none is left or `budgetMs` is spent. Each request is an outbox job claimed with
 * FOR UPDATE SKIP LOCKED, so overlapping runs never send one twice; a failed one is
 * retried with the outbox's back-off by a later run.
 */
export async function processReviewRequests(options: { budgetMs?: number; bookingId?: string } = {}): Promise<ReviewRequestRun> {
  const run: ReviewRequestRun = { processed: 0, sent: 0, skipped: 0, failed: 0, errors: [] };
  if (!options.bookingId) {
    const { delayMinutes, maxAgeMinutes } = reviewRequestTiming();
    await rpc('enqueue_due_review_requests', { p_delay_minutes: delayMinutes, p_max_age_minutes: maxAgeMinutes }, serviceCaller);
  }
  const deadline = Date.now() + (options.budgetMs ?? 20_000);
  while (Date.now() < deadline) {
    const jobs = await rpc(
      'claim_review_request_jobs',
      { p_limit: 25, p_lease_seconds: JOB_LEASE_SECONDS, p_booking_id: options.bookingId },
      serviceCaller,
    );
    if (jobs.length === 0) break;
    run.processed += jobs.length;
    await Promise.all(jobs.map((job) => perform(job, run)));
  }
  return run;
}
