import { route } from '@/lib/http/route';
import { vipSessionAnalyticsContract } from '@/lib/vip-sessions/schemas';
import { getSessionAnalytics } from '@/lib/vip-sessions/session-analytics';

export const dynamic = 'force-dynamic';

// GET /api/vip/sessions/analytics – staff see how many VIP sessions were created, are active and expired
export const GET = route(vipSessionAnalyticsContract, ({ staff }) => getSessionAnalytics(staff));
