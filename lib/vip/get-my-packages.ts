import { memberCaller, rpc } from '../db';

/** The member's hour packages (through their linked customer record), active and past, with their Thai names. */
export const getMyPackages = (profileId: string) => rpc('get_my_packages', {}, memberCaller(profileId));
