import { createCalendarEventContract } from '@/lib/bookings/calendar-schemas';
import { mirrorBookingToCalendar } from '@/lib/bookings/mirror-booking-to-calendar';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// POST /api/bookings/calendar/create – create a booking's staff calendar event (system use)
export const POST = route(createCalendarEventContract, ({ body }) => mirrorBookingToCalendar(body.bookingId, body.calendarId));
