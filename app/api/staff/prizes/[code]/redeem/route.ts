import { route } from '@/lib/http/route';
import { redeemPrizeByCode } from '@/lib/staff/prize-by-code';
import { redeemPrizeByCodeContract } from '@/lib/staff/schemas';

export const dynamic = 'force-dynamic';

// POST /api/staff/prizes/{code}/redeem – staff hand over a prize by its code, from their own device
export const POST = route(redeemPrizeByCodeContract, ({ staff, params }) => redeemPrizeByCode(staff, params.code));
