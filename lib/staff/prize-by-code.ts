import { callerOfStaff, type StaffIdentity } from '../auth/verify-staff';
import { rpc } from '../db';

/** A won prize by its redemption code, as the front desk sees it (staff only, checked in SQL too), its Thai name and description beside the English ones. */
export const findPrizeByCode = (staff: StaffIdentity, code: string) => rpc('find_prize_by_code', { p_code: code }, callerOfStaff(staff));

/**
 * The front desk hands a prize over by its code from the staff member's own device: once, under
 * their account's display name (SQL reads it from their verified email claim), never for an
 * ended campaign.
 */
export const redeemPrizeByCode = (staff: StaffIdentity, code: string) => rpc('redeem_prize_by_code', { p_code: code }, callerOfStaff(staff));
