import { cancelManagedBooking } from '@/lib/bookings/manage-booking';
import { cancelManagedBookingContract } from '@/lib/bookings/manage-schemas';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// POST /api/bookings/manage/cancel – cancel the booking a manage link opens
export const POST = route(cancelManagedBookingContract, ({ request }) => cancelManagedBooking(request));
