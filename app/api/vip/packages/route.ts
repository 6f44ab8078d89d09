import { route } from '@/lib/http/route';
import { getMyPackages } from '@/lib/vip/get-my-packages';
import { vipPackagesContract } from '@/lib/vip/schemas';

export const dynamic = 'force-dynamic';

// GET /api/vip/packages – the signed-in member's hour packages
export const GET = route(vipPackagesContract, ({ profileId }) => getMyPackages(profileId));
