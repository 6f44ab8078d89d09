import { processOutbox } from '../outbox/process-outbox';

/**
 * How long a modify or cancel request waits for its own calendar and email jobs: the same
 * short budget as booking creation. What does not finish stays queued for the timer or cron.
 */
const inlineDeliveryBudgetMs = () => Number(process.env.BOOKING_INLINE_BUDGET_MS || 700);

/** Tries the booking's queued jobs inline; a failure leaves them to the outbox processor. */
export async function deliverBookingChange(bookingId: string): Promise<void> {
  await processOutbox({ bookingId, budgetMs: inlineDeliveryBudgetMs() }).catch((error: Error) =>
    console.error(`booking ${bookingId}: inline delivery of its change failed:`, error.message),
  );
}
