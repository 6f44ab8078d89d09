import { readEnv } from '@/lib/config/env';
import { rpc, serviceCaller } from '@/lib/db';
import type { SqlResult } from '@/lib/db/functions';
import { claimDueJobs, performInline } from './process-outbox';

/**
 * How long a request waits for the jobs it just queued (a booking's email, LINE message and
 * calendar event; a link code email) before answering: long enough for healthy providers,
 * short enough that a hanging one never keeps the customer waiting. BOOKING_INLINE_BUDGET_MS,
 * 700 ms by default.
 */
export function inlineDeliveryBudgetMs(): number {
  return readEnv('BOOKING_INLINE_BUDGET_MS');
}

/**
 * Attempts a request's own jobs inline (one booking's, or up to `limit` due ones) within the
 * inline budget, so its answer can say truthfully what was delivered. What does not finish,
 * or fails, stays queued for the timer or cron: a failure here is only logged, as `what`.
 */
export async function deliverInline(scope: { bookingId: string } | { limit: number }, what: string): Promise<void> {
  try {
    await performInline(await claimDueJobs(scope), inlineDeliveryBudgetMs());
  } catch (error) {
    console.error(`${what} failed:`, (error as Error).message);
  }
}

/**
 * Attempts a new booking's jobs, claimed in its own transaction (create_booking), within the
 * inline budget, and resolves with what its customer was told: the outcomes are stored and the
 * answer read in one statement; when that fails, the status is read on its own.
 */
export async function deliverBookingInline(jobs: Parameters<typeof performInline>[0], bookingId: string, what: string): Promise<SqlResult<'booking_delivery_status'>> {
  const delivery = await performInline(jobs, inlineDeliveryBudgetMs(), bookingId).catch((error: Error) => {
    console.error(`${what} failed:`, error.message);
    return null;
  });
  return delivery ?? rpc('booking_delivery_status', { p_booking_id: bookingId }, serviceCaller);
}
