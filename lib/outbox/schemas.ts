import { z } from 'zod';
import { defineCronContracts } from '../http/contract';

export const OutboxRunResponse = z.object({
  claimed: z.number().int().describe('Jobs claimed in this run'),
  succeeded: z.number().int(),
  failed: z.number().int().describe('Attempts that failed (retried later, or given up at their cap)'),
  unfinished: z.number().int().describe('Still running when the run ended; they record their outcome when done'),
});

// GET|POST /api/cron/process-outbox (GET for schedulers that can only GET)
export const { post: processOutboxContract, get: processOutboxGetContract } = defineCronContracts(
  '/api/cron/process-outbox',
  'Perform due outbox jobs (email, LINE, calendar); for the scheduler, with CRON_SECRET',
  'Operations',
  OutboxRunResponse,
);
