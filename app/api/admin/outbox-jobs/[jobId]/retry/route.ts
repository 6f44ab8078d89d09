import { retryOutboxJob } from '@/lib/admin/retry-outbox-job';
import { retryOutboxJobContract } from '@/lib/admin/schemas';
import { route } from '@/lib/http/route';
import { deliveryResponse } from '@/lib/notifications/system-routes/queue-and-attempt';

export const dynamic = 'force-dynamic';

// POST /api/admin/outbox-jobs/{jobId}/retry – an admin retries one undelivered outbox job now
export const POST = route(retryOutboxJobContract, async ({ params }) => deliveryResponse(await retryOutboxJob(params.jobId)));
