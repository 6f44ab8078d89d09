import { route } from '@/lib/http/route';
import { getLiffMe, liffMeContract } from '@/lib/lucky-draw/liff-me';

export const dynamic = 'force-dynamic';

// GET /api/liff/me – the LINE user of the ID token and their linked customer
export const GET = route(liffMeContract, ({ lineUserId }) => getLiffMe(lineUserId));
