import { route } from '@/lib/http/route';
import { retryBookingDeliveries, retryBookingDeliveriesContract } from '@/lib/staff/retry-booking-deliveries';

export const dynamic = 'force-dynamic';

// POST /api/staff/bookings/{bookingId}/deliveries/retry – the desk retries a booking's failing deliveries
export const POST = route(retryBookingDeliveriesContract, ({ staff, params }) => retryBookingDeliveries(staff, params.bookingId));
