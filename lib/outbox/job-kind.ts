import type { z } from 'zod';
import type { VenueBrand } from '@/lib/venue/brand';

/**
 * One kind of outbox job, declared in one module of lib/outbox/kinds/: what its payload is,
 * how it is performed, and what the queue must know of it. The SQL side of the same facts is
 * the kind's row in public.outbox_job_kinds (a test holds the two equal).
 */
export interface JobKind<P extends z.ZodType = z.ZodType> {
  /** The job's payload, parsed before every attempt: a malformed one fails the attempt visibly. */
  payload: P;
  /**
   * Performs the job; what it resolves with is stored as the job's result. Throwing fails the
   * attempt (retried with back-off), so the work must be safe to repeat: ids and retry keys
   * derive from the job or its booking.
   */
  perform: (payload: z.output<P>, job: JobAttempt) => Promise<Record<string, unknown>>;
  /** A pending job of this kind is skipped once its booking is cancelled (outbox_job_kinds.moot_when_booking_cancelled). */
  mootWhenBookingCancelled: boolean;
  /** The system notification routes may queue it (outbox_job_kinds.queued_by_notification_routes). */
  queuedByNotificationRoutes: boolean;
}

/** What a handler knows of the attempt besides the payload. */
export interface JobAttempt {
  id: string;
  /**
   * A manage link of the job's booking issued for this attempt, held in memory only (a booking's
   * inline attempt: issued in the booking's transaction); without it a kind that sends one issues its own.
   */
  manageUrl?: string;
  /**
   * The venue's brand as read in the transaction that queued the job (a booking's inline attempt):
   * the messages name the venue with it; without it a kind reads the brand now.
   */
  brand?: VenueBrand;
}

/** Declares a job kind; its payload type checks the handler, then is erased for the registry. */
export function defineJobKind<P extends z.ZodType>(kind: JobKind<P>): JobKind {
  return kind as unknown as JobKind;
}
