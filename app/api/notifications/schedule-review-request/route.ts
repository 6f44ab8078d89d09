import { route } from '@/lib/http/route';
import { scheduleReviewRequest } from '@/lib/notifications/system-routes/request-review';
import { scheduleReviewRequestContract } from '@/lib/notifications/system-routes/schemas';

export const dynamic = 'force-dynamic';

// POST /api/notifications/schedule-review-request – a system schedules a booking's review request
export const POST = route(scheduleReviewRequestContract, ({ body }) => scheduleReviewRequest(body));
