import { processReviewRequests } from './process-review-requests';

/**
 * Runs the review request cron every REVIEW_REQUEST_TIMER_SECONDS (default 300; 0 turns it
 * off) in this server process, so a single server needs no scheduler. Overlapping runs on
 * several instances are safe (claims skip each other's jobs). Returns a stop function.
 */
export function startReviewRequestTimer(): () => void {
  const seconds = Number(process.env.REVIEW_REQUEST_TIMER_SECONDS ?? 300);
  if (!Number.isFinite(seconds) || seconds <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    processReviewRequests({ budgetMs: Math.min(seconds * 1000, 20_000) })
      .catch((error: Error) => console.error('review request timer:', error.message))
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
