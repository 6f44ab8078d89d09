import { route } from '@/lib/http/route';
import { redeemPrize } from '@/lib/lucky-draw/redeem-prize';
import { redeemContract } from '@/lib/lucky-draw/schemas';

export const dynamic = 'force-dynamic';

// POST /api/lucky-draw/redeem – staff hand over an awarded prize (staff PIN)
export const POST = route(redeemContract, ({ body }) => redeemPrize(body));
