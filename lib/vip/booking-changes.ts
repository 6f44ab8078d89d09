import { z } from 'zod';
import { DurationHours, VenueDate, VenueStartTime } from '../venue/fields';

/**
 * What a member may change about a booking, declared once: the route's body, the service's
 * input and the SQL functions' one jsonb argument (modify_vip_booking(p_booking_id, p_change),
 * cancel_vip_booking(p_booking_id, p_cancel), declared in lib/db/functions.ts) are these.
 * Kept apart from ./schemas, which reads lib/db, so lib/db can import them.
 */
export const ModifyVipBookingRequest = z.object({ date: VenueDate, startTime: VenueStartTime, duration: DurationHours });
export type ModifyVipBookingRequest = z.output<typeof ModifyVipBookingRequest>;

export const CancelVipBookingRequest = z.object({
  cancellationReason: z.string().trim().max(500, 'Cancellation reason is too long').optional().describe('Why (optional, up to 500 characters)'),
});
export type CancelVipBookingRequest = z.output<typeof CancelVipBookingRequest>;
