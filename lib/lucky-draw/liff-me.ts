import { rpc, serviceCaller } from '../db';
import { sqlFunctions } from '../db/functions';
import { defineContract } from '../http/contract';

export const LiffMeResponse = sqlFunctions.get_liff_line_profile.result.describe(
  'The signed-in LINE user, the customer their LINE profile is linked to (null when not linked) and their display name',
);

// GET /api/liff/me
export const liffMeContract = defineContract({
  method: 'GET',
  path: '/api/liff/me',
  summary: "The LIFF user's LINE profile and linked customer; `Authorization: Bearer <LINE ID token>` (shares customer-status's 60/min per LINE user)",
  tag: 'Lucky draw',
  auth: 'line',
  rateLimit: 'luckyDrawCustomer',
  response: LiffMeResponse,
  errors: ['AUTH_REQUIRED', 'LINE_TOKEN_INVALID', 'PROFILE_NOT_FOUND', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

/** Who the verified LINE user is and which customer they are linked to (404 without a LINE profile). */
export function getLiffMe(lineUserId: string) {
  return rpc('get_liff_line_profile', { p_line_user_id: lineUserId }, serviceCaller);
}
