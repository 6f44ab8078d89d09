import { memberCaller, rpc } from '../db';

/** The member's hour packages (through their linked customer record), active and past. */
export function getMyPackages(profileId: string) {
  return rpc('get_my_packages', {}, memberCaller(profileId));
}
