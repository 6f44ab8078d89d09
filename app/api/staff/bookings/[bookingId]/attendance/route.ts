import { route } from '@/lib/http/route';
import { recordAttendance, recordAttendanceContract } from '@/lib/staff/record-attendance';

export const dynamic = 'force-dynamic';

// POST /api/staff/bookings/{bookingId}/attendance – the desk checks a booking in or marks a no-show
export const POST = route(recordAttendanceContract, ({ staff, params, body }) => recordAttendance(staff, params.bookingId, body.outcome));
