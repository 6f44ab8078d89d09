import { route } from '@/lib/http/route';
import { deliveryResponse } from '@/lib/notifications/queue-and-attempt';
import { sendReviewRequestNow } from '@/lib/notifications/request-review';
import { sendReviewRequestContract } from '@/lib/notifications/schemas';

export const dynamic = 'force-dynamic';

// POST /api/notifications/send-review-request – a system sends a booking's review request now
export const POST = route(sendReviewRequestContract, async ({ body }) => deliveryResponse(await sendReviewRequestNow(body)));
