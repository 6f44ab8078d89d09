import { route } from '@/lib/http/route';
import { getCampaignStatus } from '@/lib/lucky-draw/get-campaign-status';
import { campaignStatusContract } from '@/lib/lucky-draw/schemas';

export const dynamic = 'force-dynamic';

// GET /api/lucky-draw/campaign-status – prizes total, remaining and awarded, per prize
export const GET = route(campaignStatusContract, () => getCampaignStatus());
