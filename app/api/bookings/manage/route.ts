import { getManagedBooking } from '@/lib/bookings/manage-booking';
import { getManagedBookingContract } from '@/lib/bookings/manage-schemas';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// GET /api/bookings/manage – the booking a manage link opens (X-Manage-Token)
export const GET = route(getManagedBookingContract, ({ request }) => getManagedBooking(request));
