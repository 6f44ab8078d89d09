import { readEnv } from '../config/env';
import { rpc, serviceCaller } from '../db';
import { AppError } from '../http/errors';
import { carriesSecret } from '../http/secrets';
import { profileIdOf } from './session-token';

/** What an admin credential proves: a signed-in admin's profile, or the admin API key of staff tooling. */
export type AdminIdentity = { via: 'session'; profileId: string } | { via: 'apiKey' };

/** Whether the profile is an admin (staff_role 'admin'). */
export async function isAdminProfile(profileId: string): Promise<boolean> {
  const { staffRole } = await rpc('profile_staff_role', { p_profile_id: profileId }, serviceCaller);
  return staffRole === 'admin';
}

/**
 * The admin credential of a request (routes with `auth: 'admin'`): a session (cookie, or a
 * Bearer session token) of a profile with staff_role 'admin', or `Authorization: Bearer
 * $ADMIN_API_KEY` (constant time, throttled). 401 for no credential or an invalid one; 403
 * FORBIDDEN for a valid session of anyone else (customers, non-admin staff).
 */
export async function adminOf(request: Request): Promise<AdminIdentity> {
  const authorization = request.headers.get('authorization');
  let profileId: string | null;
  if (authorization !== null) {
    // A Bearer that is a session token is a session; anything else there can only be the admin key.
    profileId = await profileIdOf(new Request(request.url, { headers: { authorization } }));
    if (!profileId) {
      // Without ADMIN_API_KEY only sessions get in (no log: that is a valid setup).
      if (readEnv('ADMIN_API_KEY') && (await carriesSecret(request, 'admin'))) return { via: 'apiKey' };
      throw new AppError('AUTH_REQUIRED');
    }
  } else {
    profileId = await profileIdOf(request);
  }
  if (!profileId) throw new AppError('AUTH_REQUIRED');
  if (!(await isAdminProfile(profileId))) throw new AppError('FORBIDDEN', 'Only admins may do this');
  return { via: 'session', profileId };
}
