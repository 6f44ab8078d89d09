import { createHash } from 'node:crypto';
import { anonCaller, memberCaller, rpc, serviceCaller } from '../db';
import { processOutbox } from '../outbox/process-outbox';
import type { CreateBookingRequest } from './schemas';

/**
 * How long a booking request waits for its own email, LINE message and calendar event
 * before answering: long enough for healthy providers, short enough that a hanging one
 * never keeps the customer waiting (what did not finish stays queued).
 */
const inlineDeliveryBudgetMs = () => Number(process.env.BOOKING_INLINE_BUDGET_MS || 700);

/** Books a bay for a guest or member, then tries its side effects inline within a short budget. */
export async function createBooking(request: CreateBookingRequest, profileId: string | null, idempotencyKey?: string) {
  const created = await rpc(
    'create_booking',
    {
      p_date: request.date,
      p_start_time: request.startTime,
      p_duration_hours: request.duration,
      p_people: request.numberOfPeople,
      p_customer_name: request.customerName,
      p_customer_email: request.customerEmail,
      p_customer_phone: request.customerPhone,
      p_bay: request.bay,
      p_special_requests: request.specialRequests,
      p_package_id: request.packageId,
      p_locale: request.locale,
      p_idempotency_key: idempotencyKey,
      p_request_hash: idempotencyKey ? requestHash(request) : undefined,
    },
    profileId ? memberCaller(profileId) : anonCaller,
  );
  if (!created.replayed) {
    await processOutbox({ bookingId: created.bookingId, budgetMs: inlineDeliveryBudgetMs() }).catch((error: Error) =>
      // The booking stands; its jobs are queued and the cron or timer will deliver them.
      console.error(`booking ${created.bookingReference}: inline delivery failed:`, error.message),
    );
  }
  const delivery = await rpc('booking_delivery_status', { p_booking_id: created.bookingId }, serviceCaller);
  return {
    success: true as const,
    bookingId: created.bookingId,
    bookingReference: created.bookingReference,
    calendarEventId: delivery.calendarEventId,
    confirmationSent: delivery.confirmationSent,
  };
}

/** A stable fingerprint of the request, so a reused Idempotency-Key with other content is caught. */
function requestHash(request: CreateBookingRequest): string {
  const canonical = JSON.stringify(Object.keys(request).sort().map((key) => [key, request[key as keyof CreateBookingRequest]]));
  return createHash('sha256').update(canonical).digest('hex');
}
