import { route } from '@/lib/http/route';
import { staffMeContract } from '@/lib/staff/schemas';

export const dynamic = 'force-dynamic';

// GET /api/staff/me – the signed-in staff member's own account
export const GET = route(staffMeContract, async ({ staff }) => ({ member: staff.member }));
