import { clientAddress } from '@/lib/http/client-key';
import { enforceRateLimit } from '@/lib/http/rate-limit';
import { route } from '@/lib/http/route';
import { linkAccount } from '@/lib/vip/link-account';
import { LinkVerificationResponse, linkAccountContract } from '@/lib/vip/schemas';

export const dynamic = 'force-dynamic';

// POST /api/vip/link-account – link to the venue customer record by phone (with verification)
export const POST = route(linkAccountContract, async ({ request, profileId, body }) => {
  await enforceRateLimit('vipLinkClient', `ip:${clientAddress(request)}`);
  const outcome = await linkAccount(profileId, body.phoneNumber, body.code);
  if (outcome.kind === 'linked') return outcome.body;
  return Response.json(LinkVerificationResponse.parse(outcome.body), { status: 202, headers: { 'Cache-Control': 'no-store' } });
});
