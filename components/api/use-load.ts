import { useEffect, useEffectEvent, useState } from 'react';
import type { AvailabilityResult } from '@/lib/db/functions';
import { fetchAvailability, type ApiResult } from './client-fetch';

/** What a load shows: still loading, or what the latest request for the current key settled to. */
export type Loaded<T> = { pending: true; value: T | undefined } | { pending: false; value: T };

/**
 * Runs `load` whenever `key` changes (or `retry` is called), aborting the one before, and
 * keeps what the latest run settled to. The loading state is derived from the key rather
 * than set at the start of the effect, so a change of key renders "loading" at once.
 * `onLoaded` runs once per settled value (e.g. to seed a form), unless the run was superseded.
 * With `keepWithin`, the previous value stays on screen while a new key with the same
 * `keepWithin` loads (e.g. the next page of the same list).
 */
export function useLoad<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  options: { onLoaded?: (value: T) => void; keepWithin?: string } = {},
): Loaded<T> & { retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const runKey = `${key}\u0000${attempt}`;
  const [settled, setSettled] = useState<{ runKey: string; within: string | undefined; value: T } | null>(null);
  const run = useEffectEvent(load);
  const loaded = useEffectEvent((value: T) => options.onLoaded?.(value));
  const within = options.keepWithin;

  useEffect(() => {
    const controller = new AbortController();
    run(controller.signal)
      .then((value) => {
        if (controller.signal.aborted) return;
        setSettled({ runKey, within, value });
        loaded(value);
      })
      // An aborted run rejects; nothing to show for it.
      .catch(() => undefined);
    return () => controller.abort();
  }, [runKey, within]);

  const retry = () => setAttempt((n) => n + 1);
  if (settled && settled.runKey === runKey) return { pending: false, value: settled.value, retry };
  const kept = settled && within !== undefined && settled.within === within ? settled.value : undefined;
  return { pending: true, value: kept, retry };
}

/**
 * One day's live availability (GET /api/availability), reloaded by `retry`. `onLoaded` sees
 * each answer, e.g. to drop a selection that the new answer shows taken.
 */
export function useAvailability(date: string, onLoaded?: (result: ApiResult<AvailabilityResult>) => void) {
  return useLoad(`availability:${date}`, (signal) => fetchAvailability(date, signal), { onLoaded });
}

/**
 * The message key for a failed availability load: a refused burst (429, the per-address limit
 * of GET /api/availability) asks the customer to wait, since trying again at once fails again;
 * anything else offers a retry.
 */
export function availabilityFailureKey(result: ApiResult<unknown>): 'loadRateLimited' | 'loadFailed' {
  return !result.ok && result.code === 'RATE_LIMIT_EXCEEDED' ? 'loadRateLimited' : 'loadFailed';
}
