import { modifyManagedBooking } from '@/lib/bookings/manage-booking';
import { modifyManagedBookingContract } from '@/lib/bookings/manage-schemas';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// PUT /api/bookings/manage/modify – move the booking a manage link opens
export const PUT = route(modifyManagedBookingContract, ({ request }) => modifyManagedBooking(request));
