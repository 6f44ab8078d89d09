import { z } from 'zod';
import { DbError, rpc, serviceCaller } from '../db';
import type { SqlResult } from '../db/functions';
import { pause, settledWithin, withTimeout } from '../timers/with-timeout';
import type { JobAttempt } from './job-kind';
import { jobKind } from './job-kinds';

/**
 * How long a claimed job is ours. An attempt is abandoned (recorded as failed) after
 * ATTEMPT_DEADLINE_MS, and the rest of the lease is left for recording its outcome, so a
 * lease only lapses when its process died: a slow attempt is never claimed a second time.
 * Providers time out far sooner (at most MAX_PROVIDER_TIMEOUT_MS per request). create_booking
 * claims a new booking's jobs for at most this long (the same number in its SQL, so a direct
 * caller cannot hold them longer; tests/integration/bookings-create.test.ts holds the two equal).
 */
export const JOB_LEASE_SECONDS = 120;
/** An attempt's hard limit: longer than the few requests in a row a job makes (Google: token, then the event). */
const ATTEMPT_DEADLINE_MS = 90_000;
/** Left of the lease after the attempt for storing its outcome while the database recovers from a blip. */
const RECORD_MARGIN_MS = 5_000;

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
  const jobs = await claimDueJobs(options);
  const run: OutboxRun = { claimed: jobs.length, succeeded: 0, failed: 0, unfinished: jobs.length };
  const runs = jobs.map(async (job) => {
    const { outcome } = await performJob(job);
    run.unfinished -= 1;
    run[outcome] += 1;
  });
  const all = Promise.allSettled(runs);
  if (options.budgetMs === undefined) await all;
  else await settledWithin(all, options.budgetMs);
  return { ...run };
}

/** Claims up to `limit` (25) due jobs, or one booking's, for JOB_LEASE_SECONDS. */
export function claimDueJobs(scope: { limit?: number; bookingId?: string }): Promise<ClaimedOutboxJob[]> {
  return rpc('claim_outbox_jobs', { p_limit: scope.limit ?? 25, p_booking_id: scope.bookingId, p_lease_seconds: JOB_LEASE_SECONDS }, serviceCaller);
}

/** What became of an attempt: the handler's result, stored on the job, or the error recorded for the retry. */
export type JobOutcome = { outcome: 'succeeded'; result: Record<string, unknown> } | { outcome: 'failed'; error: string };

/** A claimed job, as the claims answer it. */
export type ClaimedOutboxJob = SqlResult<'claim_outbox_jobs'>[number];
type AttemptedJob = { id: string; kind: string; payload: unknown; attempt: number } & Omit<JobAttempt, 'id'>;

/** When a job claimed at `claimedAt` must have its outcome stored: the lease, less the margin. */
const recordDeadline = (claimedAt: number) => claimedAt + JOB_LEASE_SECONDS * 1000 - RECORD_MARGIN_MS;

/**
 * Performs one claimed job with its kind's handler and records the outcome: the one place
 * an attempt runs (processor, inline delivery, system routes, review requests, admin retry).
 */
export async function performJob(job: AttemptedJob): Promise<JobOutcome> {
  const recordBy = recordDeadline(Date.now());
  return recordOutcome(job, await attemptJob(job), recordBy);
}

/** Runs one claimed job's handler (within ATTEMPT_DEADLINE_MS); what became of it is not stored yet. */
async function attemptJob(job: AttemptedJob): Promise<JobOutcome> {
  try {
    const kind = jobKind(job.kind);
    if (!kind) throw new Error(`No handler for the job kind ${job.kind}`);
    const result = await withTimeout(kind.perform(kind.payload.parse(job.payload), { id: job.id, manageUrl: job.manageUrl, brand: job.brand }), ATTEMPT_DEADLINE_MS, `Attempt did not finish within ${ATTEMPT_DEADLINE_MS / 1000} s`);
    return { outcome: 'succeeded', result };
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? `Invalid payload: ${error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`
        : error instanceof Error
          ? `${error.name}: ${error.message}`
          : String(error);
    console.warn(`outbox: ${job.kind} ${job.id} attempt ${job.attempt} failed: ${message}`);
    return { outcome: 'failed', error: message };
  }
}

/** Stores one attempt's outcome (complete_outbox_job or fail_outbox_job) and resolves with what became of the job. */
async function recordOutcome(job: AttemptedJob, outcome: JobOutcome, recordBy: number): Promise<JobOutcome> {
  if (outcome.outcome === 'failed') {
    await untilRecorded(() => rpc('fail_outbox_job', { p_job_id: job.id, p_attempt: job.attempt, p_error: outcome.error }, serviceCaller), recordBy).catch(
      (recordError: Error) => console.error(`outbox: could not record the failure of ${job.id}:`, recordError.message),
    );
    return outcome;
  }
  // The provider did the work: losing that fact would send it again when the lease lapses,
  // so a database that is briefly unavailable is waited for (within the lease).
  try {
    await untilRecorded(() => rpc('complete_outbox_job', { p_job_id: job.id, p_attempt: job.attempt, p_result: outcome.result }, serviceCaller), recordBy);
  } catch (recordError) {
    return unrecorded(job, recordError as Error);
  }
  return outcome;
}

/** A performed attempt whose outcome could not be stored: it counts as failed, and its lease lapsing retries it. */
function unrecorded(job: AttemptedJob, recordError: Error): JobOutcome {
  const message = `Performed, but the outcome could not be recorded: ${recordError.message}`;
  console.error(`outbox: ${job.kind} ${job.id}: ${message}; it is retried when its lease lapses`);
  return { outcome: 'failed', error: message };
}

/**
 * Performs the jobs a request claimed for its own answer (a booking's email, LINE message and
 * calendar event; a code email), concurrently, within `budgetMs` (the inline budget). The
 * outcomes of the attempts that ended within it are stored together, in one statement
 * (record_outbox_outcomes), which also answers `bookingId`'s delivery status; an attempt still
 * running then stores its own outcome when it ends. For a short budget only: an ended
 * attempt's outcome waits for the others, at most the budget, before it is stored. Resolves
 * with that delivery status; null without a booking, or when the outcomes could not be stored.
 */
export async function performInline(
  jobs: (ClaimedOutboxJob & Omit<JobAttempt, 'id'>)[],
  budgetMs: number,
  bookingId?: string,
): Promise<SqlResult<'booking_delivery_status'> | null> {
  const recordBy = recordDeadline(Date.now());
  const ended: { job: AttemptedJob; outcome: JobOutcome }[] = [];
  let together = true;
  const attempts = jobs.map(async (job) => {
    const outcome = await attemptJob(job);
    if (together) ended.push({ job, outcome });
    else await recordOutcome(job, outcome, recordBy);
  });
  await settledWithin(Promise.allSettled(attempts), budgetMs);
  together = false;
  if (ended.length === 0 && bookingId === undefined) return null;
  const outcomes = ended.map(({ job, outcome }) => ({ jobId: job.id, attempt: job.attempt, ...outcome }));
  try {
    return (await untilRecorded(() => rpc('record_outbox_outcomes', { p_outcomes: outcomes, p_booking_id: bookingId }, serviceCaller), recordBy)).delivery;
  } catch (recordError) {
    // Each performed attempt is logged as unrecorded: its lease lapsing retries it.
    for (const entry of ended) if (entry.outcome.outcome === 'succeeded') unrecorded(entry.job, recordError as Error);
    return null;
  }
}

/** Runs `record` again while the database is unavailable (503), until `deadline`. */
async function untilRecorded<T>(record: () => Promise<T>, deadline: number): Promise<T> {
  for (let wait = 200; ; wait = Math.min(wait * 2, 2_000)) {
    try {
      return await record();
    } catch (error) {
      if (!(error instanceof DbError && error.status === 503) || Date.now() + wait > deadline) throw error;
      await pause(wait);
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
