import { route } from '@/lib/http/route';
import { staffCancelBooking, staffCancelBookingContract } from '@/lib/staff/change-booking';

export const dynamic = 'force-dynamic';

// POST /api/staff/bookings/{bookingId}/cancel – the desk cancels a booking, with a reason
export const POST = route(staffCancelBookingContract, ({ staff, params, body }) => staffCancelBooking(staff, params.bookingId, body.reason));
