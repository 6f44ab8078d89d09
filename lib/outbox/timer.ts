import { drainOutbox } from './process-outbox';

/**
 * Runs the outbox processor every OUTBOX_TIMER_SECONDS (default 30; 0 turns it off) in
 * this server process, so a single-instance deployment needs no external scheduler. With
 * several instances it is still safe (claims skip each other's jobs); the cron route
 * covers hosts that freeze idle processes.
 */
export function startOutboxTimer(): void {
  const seconds = Number(process.env.OUTBOX_TIMER_SECONDS ?? 30);
  if (!Number.isFinite(seconds) || seconds <= 0) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    drainOutbox(Math.min(seconds * 1000, 20_000))
      .catch((error: Error) => console.error('outbox timer:', error.message))
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  timer.unref();
}
