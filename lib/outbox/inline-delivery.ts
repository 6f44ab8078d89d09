import { readEnv } from '@/lib/config/env';
import { processOutbox } from './process-outbox';

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
  await processOutbox({ ...scope, budgetMs: inlineDeliveryBudgetMs() }).catch((error: Error) => console.error(`${what} failed:`, error.message));
}
