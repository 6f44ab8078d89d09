import { route } from '@/lib/http/route';
import { spinContract } from '@/lib/lucky-draw/schemas';
import { spin } from '@/lib/lucky-draw/spin';

export const dynamic = 'force-dynamic';

// POST /api/liff/spin – spend one draw and win a prize (LINE ID token)
export const POST = route(spinContract, ({ lineUserId, body }) => spin(lineUserId, body));
