import { cleanupExpiredSessions } from './cleanup-expired-sessions';

/**
 * Removes expired VIP sessions every VIP_SESSION_CLEANUP_SECONDS (default 3600; 0 turns it
 * off) in this server process. Expired sessions never validate anyway, so the cadence only
 * bounds how long their rows linger; runs on several instances are harmless (each deletes
 * what is left). The cron route covers hosts that freeze idle processes. Returns a stop function.
 */
export function startVipSessionCleanupTimer(): () => void {
  const seconds = Number(process.env.VIP_SESSION_CLEANUP_SECONDS ?? 3600);
  if (!Number.isFinite(seconds) || seconds <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    cleanupExpiredSessions()
      .catch((error: Error) => console.error('vip session cleanup timer:', error.message))
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
