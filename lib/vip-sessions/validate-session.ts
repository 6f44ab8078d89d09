import { rpc, serviceCaller } from '../db';
import { DEMO_MESSAGE, type ValidateVipSessionResponse } from './schemas';
import { demoIssuedAt, hashSessionToken, isSessionToken, tokenCallFailed } from './session-tokens';

/**
 * The session a token opens, with its code and concierge, or null when the token is
 * unknown, malformed, expired or revoked (the 401 case). A demo token is valid within the
 * 24 hours after its own timestamp and carries no code or session.
 */
export async function validateSession(sessionToken: string): Promise<ValidateVipSessionResponse | null> {
  const issuedAt = demoIssuedAt(sessionToken);
  if (issuedAt !== null) {
    const demo = await rpc('validate_demo_vip_session', { p_issued_at: issuedAt }, serviceCaller);
    if (!demo.valid) return null;
    return {
      success: true,
      data: { valid: true, is_demo: true, session: { id: null, expires_at: demo.expires_at }, demo_message: DEMO_MESSAGE },
    };
  }
  if (!isSessionToken(sessionToken)) return null;
  const tokenHash = hashSessionToken(sessionToken);
  const found = await rpc('validate_vip_session', { p_token_hash: tokenHash }, serviceCaller).catch((error: unknown) => {
    throw tokenCallFailed('validate_vip_session', tokenHash, error);
  });
  if (!found.valid) return null;
  return { success: true, data: { valid: true, is_demo: false, session: found.session, vip_code: found.vip_code } };
}
