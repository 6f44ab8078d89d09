import { route } from '@/lib/http/route';
import { deliveryResponse } from '@/lib/notifications/system-routes/queue-and-attempt';
import { emailCancellationContract } from '@/lib/notifications/system-routes/schemas';
import { sendCancellationEmail } from '@/lib/notifications/system-routes/send-system-messages';

export const dynamic = 'force-dynamic';

// POST /api/notifications/email/cancellation – a system sends a cancelled booking's cancellation email
export const POST = route(emailCancellationContract, async ({ body }) => deliveryResponse(await sendCancellationEmail(body)));
