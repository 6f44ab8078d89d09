// Runs once when the Next.js server starts (not during `next build`). The import sits
// inside the runtime check, as Next.js documents, so the Edge bundle never includes it.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    // A production build without its secrets must not start, whatever its database. Next.js
    // only logs an error thrown here and keeps serving, so the process exits itself.
    const { missingSecretErrors, retiredVariableWarnings } = await import('./lib/config/required-secrets');
    const missing = missingSecretErrors();
    if (missing.length > 0) {
      for (const line of missing) console.error(`Refusing to start: ${line}`);
      process.exit(1);
    }
    // A leftover setting is harmless (nothing accepts it) but misleading: said once, loudly, not fatal.
    for (const line of retiredVariableWarnings()) console.warn(`Warning: ${line}`);
    // Each request's socket address (TRUSTED_PROXY_HOPS=0) and a bound on slow requests: the
    // Node HTTP server `next start` runs gets them here, since Next.js exposes no setting for them.
    const { hookHttpServer } = await import('./lib/http/server-hook');
    hookHttpServer();
    const { startOutboxTimer } = await import('./lib/outbox/timer');
    startOutboxTimer();
    const { startVipSessionCleanupTimer } = await import('./lib/vip-sessions/cleanup-timer');
    startVipSessionCleanupTimer();
    const { startReviewRequestTimer } = await import('./lib/notifications/system-routes/review-request-timer');
    startReviewRequestTimer();
  }
}
