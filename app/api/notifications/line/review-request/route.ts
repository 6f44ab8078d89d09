import { route } from '@/lib/http/route';
import { deliveryResponse } from '@/lib/notifications/system-routes/queue-and-attempt';
import { sendLineReviewRequest } from '@/lib/notifications/system-routes/request-review';
import { lineReviewRequestContract } from '@/lib/notifications/system-routes/schemas';

export const dynamic = 'force-dynamic';

// POST /api/notifications/line/review-request – a system sends a booking's review request by LINE now
export const POST = route(lineReviewRequestContract, async ({ body }) => deliveryResponse(await sendLineReviewRequest(body)));
