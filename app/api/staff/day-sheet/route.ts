import { route } from '@/lib/http/route';
import { daySheetContract, daySheetResponse } from '@/lib/staff/day-sheet';

export const dynamic = 'force-dynamic';

// GET /api/staff/day-sheet?date=YYYY-MM-DD – the front desk's bookings of a day, polled by /staff
export const GET = route(daySheetContract, ({ staff, request, query }) => daySheetResponse(staff, request, query.date));
