import { memberCaller, rpc } from '../db';
import { AppError } from '../http/errors';

/** The member's profile with their customer record's code, read as the member (RLS). */
export async function getVipProfile(profileId: string) {
  const profile = await rpc('get_vip_profile', {}, memberCaller(profileId));
  if (!profile) throw new AppError('AUTH_REQUIRED');
  return profile;
}
