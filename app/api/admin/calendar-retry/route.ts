import { retryCalendarOperation } from '@/lib/admin/retry-calendar-operation';
import { calendarRetryContract } from '@/lib/admin/schemas';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// POST /api/admin/calendar-retry – an admin retries a booking's calendar create, update or delete
export const POST = route(calendarRetryContract, ({ body }) => retryCalendarOperation(body));
