import { repeatInProcess } from '../timers/repeat-in-process';
import { drainOutbox } from './process-outbox';

/**
 * Drains the outbox every OUTBOX_TIMER_SECONDS (default 30; 0 turns it off) in this server
 * process, so a single-instance deployment needs no external scheduler. With several
 * instances it is still safe (claims skip each other's jobs); the cron route covers hosts
 * that freeze idle processes.
 */
export function startOutboxTimer(): () => void {
  return repeatInProcess({ name: 'outbox timer', secondsVar: 'OUTBOX_TIMER_SECONDS', run: drainOutbox });
}
