import { z } from 'zod';
import { defineContract } from '@/lib/http/contract';
import { NotificationDeliveryResponse, queuedResponse } from '@/lib/notifications/system-routes/schemas';

export const CalendarRetryRequest = z.object({
  operationType: z.enum(['create', 'update', 'delete'], { error: 'operationType must be create, update or delete' }),
  bookingId: z.string().uuid('bookingId must be a UUID'),
  retryCount: z.number().int('retryCount must be a whole number').min(0).max(100).optional().describe('Retries made before this one'),
});

export const CalendarRetryResponse = z.object({
  success: z.literal(true),
  calendarEventId: z.string().describe('The booking’s event id (derived from the booking, so a retry never makes a second event)'),
  retryAttempt: z.number().int().describe('retryCount + 1'),
  message: z.string(),
});

// POST /api/admin/calendar-retry
export const calendarRetryContract = defineContract({
  method: 'POST',
  path: '/api/admin/calendar-retry',
  summary: 'Retry a booking’s calendar create, update or delete now (admin: an admin’s staff session, or ADMIN_API_KEY)',
  tag: 'Admin',
  auth: 'admin',
  body: CalendarRetryRequest,
  response: CalendarRetryResponse,
  errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED', 'BOOKING_NOT_FOUND', 'CONFLICT', 'BAD_GATEWAY', 'SERVICE_UNAVAILABLE'],
});

// POST /api/admin/outbox-jobs/{jobId}/retry
export const retryOutboxJobContract = defineContract({
  method: 'POST',
  path: '/api/admin/outbox-jobs/{jobId}/retry',
  summary: 'Retry one outbox job now (admin: an admin’s staff session, or ADMIN_API_KEY)',
  tag: 'Admin',
  auth: 'admin',
  params: z.object({ jobId: z.string().uuid('jobId must be a UUID') }),
  response: NotificationDeliveryResponse,
  otherResponses: { 202: queuedResponse },
  errors: ['VALIDATION_ERROR', 'AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED', 'NOT_FOUND', 'SERVICE_UNAVAILABLE'],
});
