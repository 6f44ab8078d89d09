import type { AdminIdentity } from '../auth/verify-admin';
import type { StaffIdentity } from '../auth/verify-staff';
import { AppError } from '../http/errors';

/**
 * The admin behind a change of staff accounts: a person's session, never the shared
 * ADMIN_API_KEY, so every audit row names who made the change.
 */
export function adminSession(admin: AdminIdentity): StaffIdentity {
  if (admin.via !== 'session') throw new AppError('FORBIDDEN', 'Staff accounts are changed by a signed-in admin, not with the admin API key');
  return admin;
}
