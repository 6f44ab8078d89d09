import { readEnv } from '@/lib/config/env';

/**
 * Runs `run` every `<secondsVar>` seconds (its default in lib/config/env.ts; 0 turns it off) in this
 * server process, so a single server needs no external scheduler. A run still going when
 * the next is due is not overlapped; `run` gets the time it may take (the interval, at most
 * 20 s). Safe with several instances as long as `run` is (claims skip each other's jobs).
 * The process's exit is never held up by the timer. Returns a stop function.
 */
export function repeatInProcess(task: {
  name: string;
  secondsVar: 'OUTBOX_TIMER_SECONDS' | 'VIP_SESSION_CLEANUP_SECONDS' | 'REVIEW_REQUEST_TIMER_SECONDS';
  run: (budgetMs: number) => Promise<unknown>;
}): () => void {
  const seconds = readEnv(task.secondsVar);
  if (seconds <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task
      .run(Math.min(seconds * 1000, 20_000))
      .catch((error: Error) => console.error(`${task.name}:`, error.message))
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
