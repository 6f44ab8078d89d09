import { memberCaller, rpc } from '../db';

/** Whether the member's profile is linked to a venue customer record. */
export function getVipStatus(profileId: string) {
  return rpc('get_vip_status', {}, memberCaller(profileId));
}
