import { z } from 'zod';
import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';
import { DaySheetBooking } from '../db/functions';
import { defineContract } from '../http/contract';

export const AttendanceParams = z.object({ bookingId: z.uuid({ error: 'bookingId must be a UUID' }) });
export const RecordAttendanceRequest = z.object({
  outcome: z.enum(['checked_in', 'no_show'], { error: 'outcome must be checked_in or no_show' }).describe('The customer came (`checked_in`) or did not (`no_show`)'),
});
export const RecordAttendanceResponse = z.object({ booking: DaySheetBooking.describe('The booking as the day sheet shows it now') });

// POST /api/staff/bookings/{bookingId}/attendance
export const recordAttendanceContract = defineContract({
  method: 'POST',
  path: '/api/staff/bookings/{bookingId}/attendance',
  summary:
    "Staff check a booking in or mark it a no-show (audited: the staff account and the time; recording the state it already has changes nothing): check-in on the booking's venue-local day, no-show once it started, never for a cancelled booking",
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'general',
  params: AttendanceParams,
  body: RecordAttendanceRequest,
  response: RecordAttendanceResponse,
  errors: ['VALIDATION_ERROR', 'BOOKING_NOT_FOUND', 'ATTENDANCE_NOT_OPEN', 'AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

/** Records a check-in or a no-show under the staff member's account (SQL checks they are staff). */
export const recordAttendance = (staff: StaffIdentity, bookingId: string, outcome: 'checked_in' | 'no_show') =>
  rpc('record_booking_attendance', { p_booking_id: bookingId, p_outcome: outcome }, callerOfStaff(staff));
