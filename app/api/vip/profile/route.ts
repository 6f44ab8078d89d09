import { route } from '@/lib/http/route';
import { getVipProfile } from '@/lib/vip/get-vip-profile';
import { updateVipProfileContract, vipProfileContract } from '@/lib/vip/schemas';
import { updateVipProfile } from '@/lib/vip/update-vip-profile';

export const dynamic = 'force-dynamic';

// GET /api/vip/profile – the signed-in member's profile
export const GET = route(vipProfileContract, ({ profileId }) => getVipProfile(profileId));

// PUT /api/vip/profile – edit name, email or marketing preference
export const PUT = route(updateVipProfileContract, ({ profileId, body }) => updateVipProfile(profileId, body));
