import { route } from '@/lib/http/route';
import { createSession } from '@/lib/vip-sessions/create-session';
import { createVipSessionContract, CreateVipSessionRequest } from '@/lib/vip-sessions/schemas';
import { readBodyOr422, withServerErrorBody } from '@/lib/vip-sessions/spec-responses';

export const dynamic = 'force-dynamic';

// POST /api/vip/sessions – a hotel guest opens a 24-hour session with a concierge's code (or a demo session)
export const POST = withServerErrorBody(
  'Unable to create session',
  route(createVipSessionContract, async ({ request }) => {
    const body = await readBodyOr422(request, CreateVipSessionRequest);
    if (body instanceof Response) return body;
    return createSession(body.vip_code);
  }),
);
