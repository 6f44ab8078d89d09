import { repeatInProcess } from '@/lib/timers/repeat-in-process';
import { processReviewRequests } from './process-review-requests';

/**
 * Runs the review request cron every REVIEW_REQUEST_TIMER_SECONDS (default 300; 0 turns it
 * off) in this server process, so a single server needs no scheduler. Overlapping runs on
 * several instances are safe (claims skip each other's jobs). Returns a stop function.
 */
export function startReviewRequestTimer(): () => void {
  return repeatInProcess({
    name: 'review request timer',
    secondsVar: 'REVIEW_REQUEST_TIMER_SECONDS',
    run: (budgetMs) => processReviewRequests({ budgetMs }),
  });
}
