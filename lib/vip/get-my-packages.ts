import { memberCaller, rpc } from '../db';
import { withPackageNameTh } from '../venue/thai-names';

/** The member's hour packages (through their linked customer record), active and past, with their Thai names. */
export async function getMyPackages(profileId: string) {
  const { activePackages, pastPackages } = await rpc('get_my_packages', {}, memberCaller(profileId));
  return { activePackages: await withPackageNameTh(activePackages), pastPackages: await withPackageNameTh(pastPackages) };
}
