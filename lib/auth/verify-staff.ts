import { readEnv, type EnvSource } from '../config/env';
import { rpc, serviceCaller, staffCaller, type Caller } from '../db';
import type { StaffMember } from '../db/functions';
import { AppError } from '../http/errors';
import { profileIdIn, sessionTokenOf, verifiedEmailOf, type SessionClaims } from './session-token';

/**
 * What a staff credential proves: a signed-in person whose VERIFIED email belongs to an active
 * staff account (public.staff_members), read from the database on every request, so a removal
 * or a demotion applies to the very next call.
 */
export interface StaffIdentity {
  profileId: string;
  member: StaffMember;
}

/** The emails of STAFF_ADMIN_EMAILS (comma-separated), lowercased: the venue's first admins. */
export function staffAdminEmails(env: EnvSource = process.env): string[] {
  return readEnv('STAFF_ADMIN_EMAILS', env);
}

/**
 * The staff account of a decoded session, or null: the email must be one the sign-in proved
 * (verifiedEmailOf), so a guest sign-in that typed a staff email gets nothing. The first
 * sign-in of a STAFF_ADMIN_EMAILS address that never had an account makes its admin account
 * (resolve_staff_member, audited); one an admin removed stays removed.
 */
export async function staffMemberOf(token: SessionClaims | null): Promise<StaffIdentity | null> {
  const profileId = profileIdIn(token);
  const email = verifiedEmailOf(token);
  if (!profileId || !email) return null;
  const name = typeof token?.name === 'string' ? token.name : null;
  const { member } = await rpc(
    'resolve_staff_member',
    { p_email: email, p_display_name: name, p_bootstrap_admin: staffAdminEmails().includes(email) },
    serviceCaller,
  );
  return member ? { profileId, member } : null;
}

/** The database caller of a staff member: their session with the verified email SQL matches to their account. */
export const callerOfStaff = (staff: StaffIdentity): Caller => staffCaller(staff.profileId, staff.member.email);

/**
 * The staff credential of a request (routes with `auth: 'staff'`): a session (cookie or Bearer)
 * of an active staff account, staff or admin. 401 without a valid session; 403 FORBIDDEN for
 * anyone else's session (a customer, a guest sign-in, an unverified email, a removed account).
 */
export async function staffOf(request: Request): Promise<StaffIdentity> {
  const token = await sessionTokenOf(request);
  if (!profileIdIn(token)) throw new AppError('AUTH_REQUIRED');
  const staff = await staffMemberOf(token);
  if (!staff) throw new AppError('FORBIDDEN', 'Only venue staff may do this');
  return staff;
}
