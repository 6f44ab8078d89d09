import { route } from '@/lib/http/route';
import { deliveryResponse } from '@/lib/notifications/system-routes/queue-and-attempt';
import { sendEmailNotificationContract } from '@/lib/notifications/system-routes/schemas';
import { sendEmailNotification } from '@/lib/notifications/system-routes/send-system-messages';

export const dynamic = 'force-dynamic';

// POST /api/notifications/email – a system sends a templated email (outbox-backed)
export const POST = route(sendEmailNotificationContract, async ({ body }) => deliveryResponse(await sendEmailNotification(body)));
