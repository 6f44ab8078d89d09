import { z } from 'zod';
import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';
import { DaySheetBooking } from '../db/functions';
import { defineContract } from '../http/contract';
import { DurationHours, VenueDate, VenueStartTime } from '../venue/fields';
import { AttendanceParams } from './record-attendance';

const Reason = z.string().trim().min(1, 'Give a reason').max(500).describe('Why the desk changed it (kept in the audit)');
export const StaffMoveRequest = z.object({ date: VenueDate, startTime: VenueStartTime, duration: DurationHours, reason: Reason });
export const StaffCancelRequest = z.object({ reason: Reason });
export const StaffChangeResponse = z.object({
  changed: z.boolean().describe('false: the booking already was so (same time, or already cancelled); nothing was recorded'),
  booking: DaySheetBooking,
});

const errors = ['VALIDATION_ERROR', 'BOOKING_NOT_FOUND', 'BOOKING_NOT_MODIFIABLE', 'AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'] as const;

// POST /api/staff/bookings/{bookingId}/move
export const staffMoveBookingContract = defineContract({
  method: 'POST',
  path: '/api/staff/bookings/{bookingId}/move',
  summary:
    'Staff move a booking (same bay, id and package) with a reason: the customers’ change rules without the online ones (notice, booking window); the customer gets the change email, the calendar follows; audited',
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'general',
  params: AttendanceParams,
  body: StaffMoveRequest,
  response: StaffChangeResponse,
  errors: [...errors, 'SLOT_UNAVAILABLE', 'PACKAGE_HOURS_INSUFFICIENT', 'PACKAGE_EXPIRED'],
});

// POST /api/staff/bookings/{bookingId}/cancel
export const staffCancelBookingContract = defineContract({
  method: 'POST',
  path: '/api/staff/bookings/{bookingId}/cancel',
  summary: 'Staff cancel a booking with a reason, also inside the online notice: package hours return, the customer gets the cancellation email; audited',
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'general',
  params: AttendanceParams,
  body: StaffCancelRequest,
  response: StaffChangeResponse,
  errors: [...errors],
});

/** A staff move (SQL checks the caller is staff and records who, why and when). */
export const staffMoveBooking = (staff: StaffIdentity, bookingId: string, { reason, ...change }: z.output<typeof StaffMoveRequest>) =>
  rpc('staff_move_booking', { p_booking_id: bookingId, p_change: change, p_reason: reason }, callerOfStaff(staff));

/** A staff cancellation (SQL checks the caller is staff and records who, why and when). */
export const staffCancelBooking = (staff: StaffIdentity, bookingId: string, reason: string) =>
  rpc('staff_cancel_booking', { p_booking_id: bookingId, p_reason: reason }, callerOfStaff(staff));
