import { z } from 'zod';
import { defineContract } from '../http/contract';

export const OutboxRunResponse = z.object({
  claimed: z.number().int().describe('Jobs claimed in this run'),
  succeeded: z.number().int(),
  failed: z.number().int().describe('Attempts that failed (retried later, or given up at their cap)'),
  unfinished: z.number().int().describe('Still running when the run ended; they record their outcome when done'),
});

const cronContract = (method: 'GET' | 'POST') =>
  defineContract({
    method,
    path: '/api/cron/process-outbox',
    summary: 'Perform due outbox jobs (email, LINE, calendar); for the scheduler, with CRON_SECRET',
    tag: 'Operations',
    auth: 'cron',
    response: OutboxRunResponse,
    errors: ['AUTH_REQUIRED', 'SERVICE_UNAVAILABLE'],
  });

// GET|POST /api/cron/process-outbox (GET for schedulers that can only GET)
export const processOutboxContract = cronContract('POST');
export const processOutboxGetContract = cronContract('GET');
