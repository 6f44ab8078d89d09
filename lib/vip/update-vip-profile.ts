import { memberCaller, rpc } from '../db';
import type { UpdateVipProfileRequest } from './schemas';

/** Changes the member's name, email (no longer verified once changed) or marketing preference. */
export function updateVipProfile(profileId: string, request: UpdateVipProfileRequest) {
  return rpc(
    'update_vip_profile',
    { p_display_name: request.display_name, p_email: request.email, p_marketing_preference: request.marketingPreference },
    memberCaller(profileId),
  );
}
