import { emailCodeContract, requestEmailSignInCode } from '@/lib/auth/email-code';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// POST /api/auth/email-code – email a one-time sign-in code
export const POST = route(emailCodeContract, ({ body }) => requestEmailSignInCode(body.email, body.locale));
