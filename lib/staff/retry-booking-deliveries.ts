import { z } from 'zod';
import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';
import { defineContract } from '../http/contract';
import { deliveryOf } from '../notifications/system-routes/queue-and-attempt';
import { deliverInline } from '../outbox/inline-delivery';

export const RetryDeliveriesParams = z.object({ bookingId: z.uuid({ error: 'bookingId must be a UUID' }) });
export const RetryDeliveriesResponse = z.object({
  bookingId: z.string().uuid(),
  jobs: z
    .array(
      z.object({
        jobId: z.string().uuid(),
        kind: z.string().describe('The outbox job kind (booking_confirmation_email, staff_line_message, calendar_event_create, …)'),
        status: z.enum(['sent', 'queued', 'skipped']).describe('sent now; queued: failed again, retried later with back-off; skipped: never will be (e.g. the booking was cancelled)'),
        attempts: z.number().int(),
        error: z.string().optional().describe("The provider's last error when it failed again"),
      }),
    )
    .describe("This booking's failing jobs that were retried (none: nothing was failing)"),
});

// POST /api/staff/bookings/{bookingId}/deliveries/retry
export const retryBookingDeliveriesContract = defineContract({
  method: 'POST',
  path: '/api/staff/bookings/{bookingId}/deliveries/retry',
  summary:
    "Staff retry a booking's failing deliveries (email, LINE, calendar) from the day sheet: only that booking's failed outbox jobs, each tried now (audited: the staff account, the time, the jobs)",
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'general',
  params: RetryDeliveriesParams,
  response: RetryDeliveriesResponse,
  errors: ['VALIDATION_ERROR', 'BOOKING_NOT_FOUND', 'AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

/**
 * Makes the booking's failing jobs due now (SQL checks the caller is staff, touches only this
 * booking's jobs and audits the retry), tries them inline through the outbox's own handlers
 * (deterministic ids: nothing is sent twice), and answers how each stands.
 */
export async function retryBookingDeliveries(staff: StaffIdentity, bookingId: string): Promise<z.infer<typeof RetryDeliveriesResponse>> {
  const { retried } = await rpc('retry_booking_deliveries', { p_booking_id: bookingId }, callerOfStaff(staff));
  if (retried.length > 0) await deliverInline({ bookingId }, `booking ${bookingId}: staff retry of its deliveries`);
  const jobs = await Promise.all(
    retried.map(async ({ jobId, kind }) => {
      const { status, attempts, error } = await deliveryOf(jobId);
      return { jobId, kind, status, attempts, ...(error ? { error } : {}) };
    }),
  );
  return { bookingId, jobs };
}
