import { route } from '@/lib/http/route';
import { deliveryResponse } from '@/lib/notifications/system-routes/queue-and-attempt';
import { sendReviewRequestNow } from '@/lib/notifications/system-routes/request-review';
import { sendReviewRequestContract } from '@/lib/notifications/system-routes/schemas';

export const dynamic = 'force-dynamic';

// POST /api/notifications/send-review-request – a system sends a booking's review request now
export const POST = route(sendReviewRequestContract, async ({ body }) => deliveryResponse(await sendReviewRequestNow(body)));
