import { requireAdmin } from '@/lib/admin/require-admin';
import { retryCalendarOperation } from '@/lib/admin/retry-calendar-operation';
import { CalendarRetryRequest, calendarRetryContract } from '@/lib/admin/schemas';
import { validationError } from '@/lib/http/errors';
import { parseOrThrow, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// POST /api/admin/calendar-retry – an admin retries a booking's calendar create, update or delete
export const POST = route(calendarRetryContract, async ({ request, profileId }) => {
  await requireAdmin(request, profileId);
  const raw: unknown = await request.json().catch(() => {
    throw validationError({ body: 'Request body must be valid JSON' });
  });
  return retryCalendarOperation(parseOrThrow(CalendarRetryRequest, raw));
});
