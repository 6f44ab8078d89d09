import { DbError } from './errors';
import type { Transport } from './pg-transport';

/** deadlock_detected and serialization_failure: the server asks for the transaction to be run again. */
const retriedSqlStates = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Runs a call again when PostgreSQL ended its transaction as a deadlock victim or a
 * serialization failure. A call is one whole transaction, so running it again is safe, and
 * it then sees what the other transaction committed (two requests taking one slot: the
 * second now gets its 409). Still failing after ATTEMPTS, it is 503: worth retrying later.
 */
export function retryingAbortedTransactions(transport: Transport): Transport {
  return {
    async call(name, args, caller) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await transport.call(name, args, caller);
        } catch (error) {
          if (!(error instanceof DbError && retriedSqlStates.has(error.code))) throw error;
          if (attempt === ATTEMPTS) throw new DbError(503, error.code, error.message, error.detail, error.hint);
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
        }
      }
    },
    end: () => transport.end(),
    listen: transport.listen?.bind(transport),
  };
}
