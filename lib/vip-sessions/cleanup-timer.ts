import { repeatInProcess } from '../timers/repeat-in-process';
import { cleanupExpiredSessions } from './cleanup-expired-sessions';

/**
 * Removes expired VIP sessions every VIP_SESSION_CLEANUP_SECONDS (default 3600; 0 turns it
 * off) in this server process. Expired sessions never validate anyway, so the cadence only
 * bounds how long their rows linger; runs on several instances are harmless (each deletes
 * what is left). The cron route covers hosts that freeze idle processes. Returns a stop function.
 */
export function startVipSessionCleanupTimer(): () => void {
  return repeatInProcess({ name: 'vip session cleanup timer', secondsVar: 'VIP_SESSION_CLEANUP_SECONDS', run: () => cleanupExpiredSessions() });
}
