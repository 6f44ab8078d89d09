import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';
import type { SqlResult } from '../db/functions';
import { withPrizeTh } from '../venue/thai-names';

/** A desk answer's prize with its Thai name and description. */
async function inBothLanguages(answer: SqlResult<'find_prize_by_code'>) {
  const { nameTh, descriptionTh, ...prize } = await withPrizeTh(answer.prize, (found) => found.prizeName);
  return { prize: { ...prize, prizeNameTh: nameTh, prizeDescriptionTh: descriptionTh } };
}

/** A won prize by its redemption code, as the front desk sees it (staff only, checked in SQL too). */
export const findPrizeByCode = async (staff: StaffIdentity, code: string) => inBothLanguages(await rpc('find_prize_by_code', { p_code: code }, callerOfStaff(staff)));

/**
 * The front desk hands a prize over by its code from the staff member's own device: once, under
 * their account's display name (SQL reads it from their verified email claim), never for an
 * ended campaign.
 */
export const redeemPrizeByCode = async (staff: StaffIdentity, code: string) => inBothLanguages(await rpc('redeem_prize_by_code', { p_code: code }, callerOfStaff(staff)));
