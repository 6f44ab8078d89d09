import { route } from '@/lib/http/route';
import { listMyBookings } from '@/lib/vip/list-my-bookings';
import { vipBookingsContract } from '@/lib/vip/schemas';

export const dynamic = 'force-dynamic';

// GET /api/vip/bookings – the signed-in member's bookings, paged
export const GET = route(vipBookingsContract, ({ profileId, query }) => listMyBookings(profileId, query));
