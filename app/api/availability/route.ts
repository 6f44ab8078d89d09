import { availabilityResponse } from '@/lib/availability/get-availability';
import { getAvailabilityContract } from '@/lib/availability/schemas';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// GET /api/availability?date=YYYY-MM-DD – slots per bay for a venue-local date
export const GET = route(getAvailabilityContract, ({ request, query }) => availabilityResponse(request, query.date));
