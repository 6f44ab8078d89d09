import { route } from '@/lib/http/route';
import { claimGuestBooking, claimGuestBookingContract } from '@/lib/vip/guest-bookings';

export const dynamic = 'force-dynamic';

// POST /api/vip/guest-bookings/{bookingId}/claim – move a guest booking into the account
export const POST = route(claimGuestBookingContract, ({ request, profileId, params }) => claimGuestBooking(request, profileId, params.bookingId));
