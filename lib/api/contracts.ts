import { getAvailabilityContract, checkAvailabilityContract } from '@/lib/availability/schemas';
import { healthContract } from '@/lib/health/schemas';
import { createCalendarEventContract } from '@/lib/bookings/calendar-schemas';
import { createBookingContract } from '@/lib/bookings/schemas';
import { cancelManagedBookingContract, getManagedBookingContract, modifyManagedBookingContract } from '@/lib/bookings/manage-schemas';
import { processOutboxContract, processOutboxGetContract } from '@/lib/outbox/schemas';
import {
  cancelVipBookingContract,
  linkAccountContract,
  modifyVipBookingContract,
  updateVipProfileContract,
  vipBookingsContract,
  vipPackagesContract,
  vipProfileContract,
  vipStatusContract,
} from '@/lib/vip/schemas';
import {
  cleanupVipSessionsContract,
  cleanupVipSessionsGetContract,
  createVipSessionContract,
  validateVipSessionContract,
  vipSessionAnalyticsContract,
} from '@/lib/vip-sessions/schemas';
import {
  campaignStatusContract,
  customerStatusContract,
  recordSalesTransactionContract,
  redeemContract,
  spinContract,
} from '@/lib/lucky-draw/schemas';
import { liffMeContract } from '@/lib/lucky-draw/liff-me';
import { emailCodeContract } from '@/lib/auth/email-code';
import { claimGuestBookingContract, guestBookingsContract } from '@/lib/vip/guest-bookings';
import {
  emailCancellationContract,
  lineReviewRequestContract,
  processReviewRequestsContract,
  processReviewRequestsGetContract,
  scheduleReviewRequestContract,
  sendEmailNotificationContract,
  sendLineNotificationContract,
  sendReviewRequestContract,
} from '@/lib/notifications/system-routes/schemas';
import { calendarRetryContract, retryOutboxJobContract } from '@/lib/admin/schemas';
import { marketingConsentsContract } from '@/lib/vip/list-marketing-consents';
import { daySheetContract } from '@/lib/staff/day-sheet';
import { recordAttendanceContract } from '@/lib/staff/record-attendance';
import { retryBookingDeliveriesContract } from '@/lib/staff/retry-booking-deliveries';
import { staffCancelBookingContract, staffMoveBookingContract } from '@/lib/staff/change-booking';
import { createCustomerContract, findCustomersContract, staffCreateBookingContract } from '@/lib/staff/walk-in-booking';
import {
  changeStaffMemberContract,
  findPrizeByCodeContract,
  inviteStaffMemberContract,
  listStaffMembersContract,
  redeemPrizeByCodeContract,
  removeStaffMemberContract,
  staffAuditContract,
  staffMeContract,
} from '@/lib/staff/schemas';
import type { RouteContract } from '@/lib/http/contract';

/**
 * Every implemented route's contract: the OpenAPI document lists exactly these, and the
 * security and hostile-input tests attack each. Kept here, above the features, so that
 * lib/http (the plumbing that enforces a contract) imports no feature module.
 */
export const contracts: RouteContract[] = [
  getAvailabilityContract,
  checkAvailabilityContract,
  createBookingContract,
  getManagedBookingContract,
  modifyManagedBookingContract,
  cancelManagedBookingContract,
  createCalendarEventContract,
  vipStatusContract,
  vipPackagesContract,
  processOutboxContract,
  processOutboxGetContract,
  healthContract,
  vipProfileContract,
  updateVipProfileContract,
  linkAccountContract,
  vipBookingsContract,
  modifyVipBookingContract,
  cancelVipBookingContract,
  guestBookingsContract,
  claimGuestBookingContract,
  emailCodeContract,
  createVipSessionContract,
  validateVipSessionContract,
  vipSessionAnalyticsContract,
  cleanupVipSessionsContract,
  cleanupVipSessionsGetContract,
  campaignStatusContract,
  customerStatusContract,
  spinContract,
  liffMeContract,
  redeemContract,
  recordSalesTransactionContract,
  sendLineNotificationContract,
  sendEmailNotificationContract,
  emailCancellationContract,
  scheduleReviewRequestContract,
  sendReviewRequestContract,
  lineReviewRequestContract,
  processReviewRequestsContract,
  processReviewRequestsGetContract,
  calendarRetryContract,
  retryOutboxJobContract,
  staffMeContract,
  listStaffMembersContract,
  inviteStaffMemberContract,
  changeStaffMemberContract,
  removeStaffMemberContract,
  staffAuditContract,
  marketingConsentsContract,
  findPrizeByCodeContract,
  redeemPrizeByCodeContract,
  daySheetContract,
  recordAttendanceContract,
  retryBookingDeliveriesContract,
  staffMoveBookingContract,
  staffCancelBookingContract,
  findCustomersContract,
  createCustomerContract,
  staffCreateBookingContract,
];
