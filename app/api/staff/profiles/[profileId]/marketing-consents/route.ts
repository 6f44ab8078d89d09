import { route } from '@/lib/http/route';
import { listMarketingConsents, marketingConsentsContract } from '@/lib/vip/list-marketing-consents';

export const dynamic = 'force-dynamic';

// GET /api/staff/profiles/{profileId}/marketing-consents – staff read a member's marketing consent record
export const GET = route(marketingConsentsContract, ({ params }) => listMarketingConsents(params.profileId));
