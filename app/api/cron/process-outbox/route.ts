import { route } from '@/lib/http/route';
import { drainOutbox } from '@/lib/outbox/process-outbox';
import { processOutboxContract, processOutboxGetContract } from '@/lib/outbox/schemas';

export const dynamic = 'force-dynamic';

/** Stays well inside a serverless function's time limit; what is left waits for the next run. */
const CRON_BUDGET_MS = 20_000;

// POST /api/cron/process-outbox – the scheduler drains due email, LINE and calendar jobs
export const POST = route(processOutboxContract, () => drainOutbox(CRON_BUDGET_MS));
// GET /api/cron/process-outbox – the same, for schedulers that only send GET
export const GET = route(processOutboxGetContract, () => drainOutbox(CRON_BUDGET_MS));
