import { readEnv } from '../config/env';
import { AppError } from '../http/errors';
import { carriesSecret } from '../http/secrets';
import { profileIdIn, sessionTokenOf } from './session-token';
import { staffMemberOf, type StaffIdentity } from './verify-staff';

/** What an admin credential proves: an admin's staff session, or the admin API key of staff tooling. */
export type AdminIdentity = ({ via: 'session' } & StaffIdentity) | { via: 'apiKey' };

/**
 * The admin credential of a request (routes with `auth: 'admin'`): a session (cookie, or a
 * Bearer session token) of an active staff account with role admin (verify-staff.ts), or
 * `Authorization: Bearer $ADMIN_API_KEY` (constant time, throttled). 401 for no credential or
 * an invalid one; 403 FORBIDDEN for a valid session of anyone else (customers, staff).
 */
export async function adminOf(request: Request): Promise<AdminIdentity> {
  const authorization = request.headers.get('authorization');
  // A Bearer that is a session token is a session; anything else there can only be the admin key.
  const token = await sessionTokenOf(authorization !== null ? new Request(request.url, { headers: { authorization } }) : request);
  if (!profileIdIn(token)) {
    // Without ADMIN_API_KEY only sessions get in (no log: that is a valid setup).
    if (authorization !== null && readEnv('ADMIN_API_KEY') && (await carriesSecret(request, 'admin'))) return { via: 'apiKey' };
    throw new AppError('AUTH_REQUIRED');
  }
  const staff = await staffMemberOf(token);
  if (staff?.member.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins may do this');
  return { via: 'session', ...staff };
}
