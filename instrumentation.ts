// Runs once when the Next.js server starts (not during `next build`). The import sits
// inside the runtime check, as Next.js documents, so the Edge bundle never includes it.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startOutboxTimer } = await import('./lib/outbox/timer');
    startOutboxTimer();
    const { startVipSessionCleanupTimer } = await import('./lib/vip-sessions/cleanup-timer');
    startVipSessionCleanupTimer();
    const { startReviewRequestTimer } = await import('./lib/notifications/review-request-timer');
    startReviewRequestTimer();
  }
}
