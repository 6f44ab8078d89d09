import { z } from 'zod';
import { defineContract } from '../http/contract';

export const HealthResponse = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['up', 'down']),
  migrations: z.object({
    current: z.boolean().describe('Every migration this build ships is applied'),
    pending: z.array(z.string()).describe('Versions not yet applied'),
  }),
  checkedAt: z.string().describe('When this server process checked (ISO 8601); it answers from that check for up to a second'),
});

// GET /api/health
export const healthContract = defineContract({
  method: 'GET',
  path: '/api/health',
  summary: '200 when the database answers and migrations are current, 503 otherwise (same body); 120/min per client',
  tag: 'Operations',
  auth: 'none',
  response: HealthResponse,
  otherResponses: { 503: { description: 'The database is down or migrations are pending (the same body)', schema: HealthResponse } },
  errors: ['RATE_LIMIT_EXCEEDED'],
});
