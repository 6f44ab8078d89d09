import { route } from '@/lib/http/route';
import { guestBookingsContract, listClaimableGuestBookings } from '@/lib/vip/guest-bookings';

export const dynamic = 'force-dynamic';

// GET /api/vip/guest-bookings – guest bookings of the verified email, to claim
export const GET = route(guestBookingsContract, ({ request, profileId }) => listClaimableGuestBookings(request, profileId));
