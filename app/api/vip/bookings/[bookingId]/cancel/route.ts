import { route } from '@/lib/http/route';
import { cancelBooking } from '@/lib/vip/cancel-booking';
import { cancelVipBookingContract } from '@/lib/vip/schemas';

export const dynamic = 'force-dynamic';

// POST /api/vip/bookings/{bookingId}/cancel – cancel the member's future booking
export const POST = route(cancelVipBookingContract, ({ profileId, params, body }) => cancelBooking(profileId, params.bookingId, body));
