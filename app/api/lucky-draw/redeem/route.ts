import { route } from '@/lib/http/route';
import { redeemPrize } from '@/lib/lucky-draw/redeem-prize';
import { redeemContract } from '@/lib/lucky-draw/schemas';

export const dynamic = 'force-dynamic';

// POST /api/lucky-draw/redeem – a signed-in staff member hands over an awarded prize
export const POST = route(redeemContract, ({ body, staff }) => redeemPrize(body.prizeId, staff));
