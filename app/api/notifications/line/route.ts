import { route } from '@/lib/http/route';
import { deliveryResponse } from '@/lib/notifications/system-routes/queue-and-attempt';
import { sendLineNotificationContract } from '@/lib/notifications/system-routes/schemas';
import { sendLineNotification } from '@/lib/notifications/system-routes/send-system-messages';

export const dynamic = 'force-dynamic';

// POST /api/notifications/line – a system pushes a LINE text message (outbox-backed)
export const POST = route(sendLineNotificationContract, async ({ body }) => deliveryResponse(await sendLineNotification(body)));
