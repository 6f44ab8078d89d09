import { route } from '@/lib/http/route';
import { modifyBooking } from '@/lib/vip/modify-booking';
import { modifyVipBookingContract } from '@/lib/vip/schemas';

export const dynamic = 'force-dynamic';

// PUT /api/vip/bookings/{bookingId}/modify – move the member's future booking
export const PUT = route(modifyVipBookingContract, ({ profileId, params, body }) => modifyBooking(profileId, params.bookingId, body));
