/**
 * Who a database call is made for. It becomes the Postgres role and the JWT claims
 * of the call, exactly as PostgREST would set them, so row level security applies.
 */
export type Caller =
  | { role: 'anon' }
  /** `verifiedEmail`: the email the session's sign-in proved (verifiedEmailOf), so SQL can match it to a staff record. */
  | { role: 'authenticated'; userId: string; verifiedEmail?: string }
  | { role: 'service_role' };

export const anonCaller: Caller = { role: 'anon' };
export const serviceCaller: Caller = { role: 'service_role' };
export const memberCaller = (userId: string): Caller => ({ role: 'authenticated', userId });
/** A staff member's session: the member caller plus the verified email app_private.caller_staff_role() reads. */
export const staffCaller = (userId: string, verifiedEmail: string): Caller => ({ role: 'authenticated', userId, verifiedEmail });

/** The JWT claims PostgREST would see for this caller. */
export function claimsOf(caller: Caller): Record<string, string> {
  if (caller.role !== 'authenticated') return { role: caller.role };
  const claims: Record<string, string> = { role: 'authenticated', sub: caller.userId, aud: 'authenticated' };
  // Only ever a proven address: the claim is what SQL trusts for staff rights, never a typed email.
  if (caller.verifiedEmail) claims.verified_email = caller.verifiedEmail;
  return claims;
}
