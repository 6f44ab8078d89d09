import { z } from 'zod';
import { createCalendarEvent } from '../notifications/create-calendar-event';
import { postStaffLineMessage } from '../notifications/post-staff-line-message';
import { deleteCalendarEvent, updateCalendarEvent } from '../notifications/change-calendar-event';
import { sendBookingCancellationEmail, sendBookingChangeEmail, sendLinkCodeEmail } from '../notifications/send-booking-change';
import { sendBookingConfirmation } from '../notifications/send-booking-confirmation';
import { sendReviewRequest } from '../notifications/send-review-request';
import { sendLineMessage, sendNotificationEmail } from '../notifications/send-system-notification';
import { DbError, rpc, serviceCaller } from '../db';
import { BookingChangeNotice, BookingNotice, LineMessageJob, LinkCodeNotice, NotificationEmailJob, ReviewRequestJob, type OutboxJobKind } from '../db/functions';

/**
 * How long a claimed job is ours. An attempt is abandoned (recorded as failed) after
 * ATTEMPT_DEADLINE_MS, and the rest of the lease is left for recording its outcome, so a
 * lease only lapses when its process died: a slow attempt is never claimed a second time.
 * Providers time out far sooner (at most MAX_PROVIDER_TIMEOUT_MS per request).
 */
export const JOB_LEASE_SECONDS = 120;
/** An attempt's hard limit: longer than the few requests in a row a job makes (Google: token, then the event). */
const ATTEMPT_DEADLINE_MS = 90_000;
/** Left of the lease after the attempt for storing its outcome while the database recovers from a blip. */
const RECORD_MARGIN_MS = 5_000;

interface JobKindHandler<P extends z.ZodType> {
  payload: P;
  perform: (payload: z.output<P>, job: { id: string }) => Promise<Record<string, unknown>>;
}
const kind = <P extends z.ZodType>(payload: P, perform: JobKindHandler<P>['perform']): JobKindHandler<z.ZodType> =>
  ({ payload, perform }) as JobKindHandler<z.ZodType>;

/** One handler per job kind: a payload schema and what to do; the result is stored on the job. */
const handlers: Record<OutboxJobKind, JobKindHandler<z.ZodType>> = {
  booking_confirmation_email: kind(BookingNotice, sendBookingConfirmation),
  staff_line_message: kind(BookingNotice, postStaffLineMessage),
  calendar_event_create: kind(BookingNotice, createCalendarEvent),
  calendar_event_update: kind(BookingChangeNotice, updateCalendarEvent),
  calendar_event_delete: kind(BookingChangeNotice, deleteCalendarEvent),
  booking_change_email: kind(BookingChangeNotice, sendBookingChangeEmail),
  booking_cancellation_email: kind(BookingChangeNotice, sendBookingCancellationEmail),
  vip_link_code_email: kind(LinkCodeNotice, sendLinkCodeEmail),
  review_request: kind(ReviewRequestJob, sendReviewRequest),
  line_message: kind(LineMessageJob, sendLineMessage),
  notification_email: kind(NotificationEmailJob, sendNotificationEmail),
};

export interface OutboxRun {
  claimed: number;
  succeeded: number;
  failed: number;
  /** Still running when the time budget ran out; they finish (or their lease lapses) later. */
  unfinished: number;
}

/**
 * Claims due jobs (all, or one booking's) and performs them concurrently. With a budget,
 * returns when it is spent even if some providers have not answered: those jobs keep
 * running and record their outcome when they end; a crash leaves them to the lease.
 */
export async function processOutbox(options: { limit?: number; bookingId?: string; budgetMs?: number } = {}): Promise<OutboxRun> {
  const jobs = await rpc(
    'claim_outbox_jobs',
    { p_limit: options.limit ?? 25, p_booking_id: options.bookingId, p_lease_seconds: JOB_LEASE_SECONDS },
    serviceCaller,
  );
  const run: OutboxRun = { claimed: jobs.length, succeeded: 0, failed: 0, unfinished: jobs.length };
  const runs = jobs.map(async (job) => {
    const { outcome } = await performJob(job);
    run.unfinished -= 1;
    run[outcome] += 1;
  });
  const all = Promise.allSettled(runs);
  if (options.budgetMs === undefined) await all;
  else await Promise.race([all, new Promise((resolve) => setTimeout(resolve, options.budgetMs).unref?.())]);
  return { ...run };
}

/** What became of an attempt: the handler's result, stored on the job, or the error recorded for the retry. */
export type JobOutcome = { outcome: 'succeeded'; result: Record<string, unknown> } | { outcome: 'failed'; error: string };

/**
 * Performs one claimed job with its kind's handler and records the outcome: the one place
 * an attempt runs (processor, inline delivery, system routes, review requests, admin retry).
 */
export async function performJob(job: { id: string; kind: OutboxJobKind; payload: unknown; attempt: number }): Promise<JobOutcome> {
  const claimedAt = Date.now();
  const recordBy = claimedAt + JOB_LEASE_SECONDS * 1000 - RECORD_MARGIN_MS;
  let result: Record<string, unknown>;
  try {
    const handler = handlers[job.kind];
    result = await withDeadline(handler.perform(handler.payload.parse(job.payload), { id: job.id }), ATTEMPT_DEADLINE_MS);
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? `Invalid payload: ${error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`
        : error instanceof Error
          ? `${error.name}: ${error.message}`
          : String(error);
    console.warn(`outbox: ${job.kind} ${job.id} attempt ${job.attempt} failed: ${message}`);
    await untilRecorded(() => rpc('fail_outbox_job', { p_job_id: job.id, p_attempt: job.attempt, p_error: message }, serviceCaller), recordBy).catch(
      (recordError: Error) => console.error(`outbox: could not record the failure of ${job.id}:`, recordError.message),
    );
    return { outcome: 'failed', error: message };
  }
  // The provider did the work: losing that fact would send it again when the lease lapses,
  // so a database that is briefly unavailable is waited for (within the lease).
  try {
    await untilRecorded(() => rpc('complete_outbox_job', { p_job_id: job.id, p_attempt: job.attempt, p_result: result }, serviceCaller), recordBy);
  } catch (recordError) {
    const message = `Performed, but the outcome could not be recorded: ${(recordError as Error).message}`;
    console.error(`outbox: ${job.kind} ${job.id}: ${message}; it is retried when its lease lapses`);
    return { outcome: 'failed', error: message };
  }
  return { outcome: 'succeeded', result };
}

/** Rejects when `promise` has not settled within `ms` (it may still settle later; its outcome is then ignored). */
async function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Attempt did not finish within ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `record` again while the database is unavailable (503), until `deadline`. */
async function untilRecorded<T>(record: () => Promise<T>, deadline: number): Promise<T> {
  for (let pause = 200; ; pause = Math.min(pause * 2, 2_000)) {
    try {
      return await record();
    } catch (error) {
      if (!(error instanceof DbError && error.status === 503) || Date.now() + pause > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** Drains every due job, batch after batch, until none is left or the time budget is spent (cron, timer). */
export async function drainOutbox(budgetMs: number): Promise<OutboxRun> {
  const total: OutboxRun = { claimed: 0, succeeded: 0, failed: 0, unfinished: 0 };
  const deadline = Date.now() + budgetMs;
  while (Date.now() < deadline) {
    const run = await processOutbox({ limit: 25, budgetMs: Math.max(0, deadline - Date.now()) });
    for (const key of Object.keys(total) as (keyof OutboxRun)[]) total[key] += run[key];
    if (run.claimed === 0 || run.unfinished > 0) break;
  }
  return total;
}
