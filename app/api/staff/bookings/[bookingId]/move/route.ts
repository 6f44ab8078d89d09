import { route } from '@/lib/http/route';
import { staffMoveBooking, staffMoveBookingContract } from '@/lib/staff/change-booking';

export const dynamic = 'force-dynamic';

// POST /api/staff/bookings/{bookingId}/move – the desk moves a booking, with a reason
export const POST = route(staffMoveBookingContract, ({ staff, params, body }) => staffMoveBooking(staff, params.bookingId, body));
