import { route } from '@/lib/http/route';
import { getVipStatus } from '@/lib/vip/get-vip-status';
import { vipStatusContract } from '@/lib/vip/schemas';

export const dynamic = 'force-dynamic';

// GET /api/vip/status – the signed-in member's CRM link status
export const GET = route(vipStatusContract, ({ profileId }) => getVipStatus(profileId));
