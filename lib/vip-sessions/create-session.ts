import { rpc, serviceCaller } from '../db';
import { DEMO_MESSAGE, type CreateVipSessionResponse } from './schemas';
import { demoToken, hashSessionToken, newSessionToken, tokenCallFailed } from './session-tokens';

/**
 * Opens a 24-hour session for a valid active VIP code, or a demo session for any other
 * code. The token is made here and only its hash goes to the database; the guest sees the
 * token once, in this answer.
 */
export async function createSession(vipCode: string): Promise<CreateVipSessionResponse> {
  const token = newSessionToken();
  const tokenHash = hashSessionToken(token);
  // As the service role: the endpoint's rate limit is the app's, which a direct call would skip.
  const opened = await rpc('create_vip_session', { p_code: vipCode, p_token_hash: tokenHash }, serviceCaller).catch((error: unknown) => {
    // Input was validated already: any failure is unexpected (the spec's 500).
    throw tokenCallFailed('create_vip_session', tokenHash, error);
  });
  if (opened.is_demo) {
    return {
      success: true,
      data: { session_token: demoToken(opened.issued_at), expires_at: opened.expires_at, is_demo: true, demo_message: DEMO_MESSAGE },
    };
  }
  return {
    success: true,
    data: { session_token: token, expires_at: opened.session.expires_at, is_demo: false, vip_code: opened.vip_code },
  };
}
