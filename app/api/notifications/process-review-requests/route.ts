import { route } from '@/lib/http/route';
import { processReviewRequests } from '@/lib/notifications/system-routes/process-review-requests';
import { processReviewRequestsContract, processReviewRequestsGetContract } from '@/lib/notifications/system-routes/schemas';

export const dynamic = 'force-dynamic';

/** Stays well inside a serverless function's time limit; what is left waits for the next run. */
const CRON_BUDGET_MS = 20_000;

// POST /api/notifications/process-review-requests – the scheduler sends due review requests
export const POST = route(processReviewRequestsContract, () => processReviewRequests({ budgetMs: CRON_BUDGET_MS }));
// GET /api/notifications/process-review-requests – the same, for schedulers that only send GET
export const GET = route(processReviewRequestsGetContract, () => processReviewRequests({ budgetMs: CRON_BUDGET_MS }));
