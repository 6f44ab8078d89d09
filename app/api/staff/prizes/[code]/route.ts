import { route } from '@/lib/http/route';
import { findPrizeByCode } from '@/lib/staff/prize-by-code';
import { findPrizeByCodeContract } from '@/lib/staff/schemas';

export const dynamic = 'force-dynamic';

// GET /api/staff/prizes/{code} – staff look up the prize a customer's code stands for
export const GET = route(findPrizeByCodeContract, ({ staff, params }) => findPrizeByCode(staff, params.code));
