import { rpc, serviceCaller } from '@/lib/db';
import { AppError } from '@/lib/http/errors';
import { carriesSecret } from '@/lib/http/secrets';

/**
 * Admin access: `Authorization: Bearer $ADMIN_API_KEY` (compared in constant time), or a
 * signed-in member whose profile has staff_role 'admin'. 401 for nobody, 403 for anyone else
 * (customers and non-admin staff).
 */
export async function requireAdmin(request: Request, profileId: string | null): Promise<void> {
  if (process.env.ADMIN_API_KEY && request.headers.get('authorization')?.startsWith('Bearer ') && carriesSecret(request, 'admin')) return;
  if (!profileId) throw new AppError('AUTH_REQUIRED');
  const { staffRole } = await rpc('profile_staff_role', { p_profile_id: profileId }, serviceCaller);
  if (staffRole !== 'admin') throw new AppError('FORBIDDEN', 'Only admins may do this');
}
