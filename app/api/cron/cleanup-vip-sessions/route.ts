import { route } from '@/lib/http/route';
import { cleanupExpiredSessions } from '@/lib/vip-sessions/cleanup-expired-sessions';
import { cleanupVipSessionsContract, cleanupVipSessionsGetContract } from '@/lib/vip-sessions/schemas';

export const dynamic = 'force-dynamic';

// POST /api/cron/cleanup-vip-sessions – the scheduler removes expired VIP sessions
export const POST = route(cleanupVipSessionsContract, () => cleanupExpiredSessions());
// GET /api/cron/cleanup-vip-sessions – the same, for schedulers that only send GET
export const GET = route(cleanupVipSessionsGetContract, () => cleanupExpiredSessions());
