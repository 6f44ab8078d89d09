import { route } from '@/lib/http/route';
import { INVALID_SESSION_MESSAGE, validateVipSessionContract, ValidateVipSessionRequest } from '@/lib/vip-sessions/schemas';
import { readBodyOr422, withServerErrorBody } from '@/lib/vip-sessions/spec-responses';
import { validateSession } from '@/lib/vip-sessions/validate-session';

export const dynamic = 'force-dynamic';

// POST /api/vip/sessions/validate – whether a session token (in the body) is valid, with its code and concierge
export const POST = withServerErrorBody(
  'Unable to validate session',
  route(validateVipSessionContract, async ({ request }) => {
    const body = await readBodyOr422(request, ValidateVipSessionRequest);
    if (body instanceof Response) return body;
    const session = await validateSession(body.session_token);
    if (session) return session;
    return Response.json(
      { success: false, data: { valid: false, message: INVALID_SESSION_MESSAGE } },
      { status: 401, headers: { 'Cache-Control': 'no-store' } },
    );
  }),
);
