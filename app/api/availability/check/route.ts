import { checkAvailability } from '@/lib/availability/check-availability';
import { checkAvailabilityContract } from '@/lib/availability/schemas';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// POST /api/availability/check – can this start time and duration be booked, and if not what fits
export const POST = route(checkAvailabilityContract, ({ body }) => checkAvailability(body));
