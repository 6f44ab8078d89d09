/**
 * Who a database call is made for. It becomes the Postgres role and the JWT claims
 * of the call, exactly as PostgREST would set them, so row level security applies.
 */
export type Caller =
  | { role: 'anon' }
  | { role: 'authenticated'; userId: string }
  | { role: 'service_role' };

export const anonCaller: Caller = { role: 'anon' };
export const serviceCaller: Caller = { role: 'service_role' };
export const memberCaller = (userId: string): Caller => ({ role: 'authenticated', userId });

/** The JWT claims PostgREST would see for this caller. */
export function claimsOf(caller: Caller): Record<string, string> {
  return caller.role === 'authenticated'
    ? { role: 'authenticated', sub: caller.userId, aud: 'authenticated' }
    : { role: caller.role };
}
