import { z } from 'zod';
import { DeskPrize, StaffAuditEntry, StaffMember, StaffRole } from '@/lib/db/functions';
import { defineContract } from '@/lib/http/contract';
import { REDEMPTION_CODE } from '@/lib/lucky-draw/redemption-code';

/** The errors of every staff-account route: no session 401, a session that is not an admin's (or the admin API key) 403. */
const adminErrors = ['AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'] as const;

export const StaffMemberResponse = z.object({ member: StaffMember });
export const StaffMembersResponse = z.object({ members: z.array(StaffMember).describe('Active accounts, admins first') });

// GET /api/staff/members
export const listStaffMembersContract = defineContract({
  method: 'GET',
  path: '/api/staff/members',
  summary: 'The active staff accounts (admin session only)',
  tag: 'Staff',
  auth: 'admin',
  rateLimit: 'general',
  response: StaffMembersResponse,
  errors: [...adminErrors],
});

export const InviteStaffMemberRequest = z.object({
  email: z.string().trim().toLowerCase().max(200).email('Email is not valid').describe('The email the person will sign in with (emailed code, or a verified OAuth email)'),
  role: StaffRole,
  displayName: z.string().trim().min(1, 'Enter a name').max(80).describe('The name their staff actions carry'),
});

// POST /api/staff/members
export const inviteStaffMemberContract = defineContract({
  method: 'POST',
  path: '/api/staff/members',
  summary: 'Add a staff account for an email, role staff or admin (admin session only; audited)',
  tag: 'Staff',
  auth: 'admin',
  rateLimit: 'general',
  body: InviteStaffMemberRequest,
  response: StaffMemberResponse,
  successStatus: 201,
  errors: ['VALIDATION_ERROR', 'STAFF_MEMBER_EXISTS', ...adminErrors],
});

export const StaffMemberParams = z.object({ memberId: z.uuid({ error: 'memberId must be a UUID' }) });
/** What to change; a field left out stays as it is (an empty change changes, and audits, nothing). */
export const ChangeStaffMemberRequest = z.object({
  role: StaffRole.optional(),
  displayName: z.string().trim().min(1, 'Enter a name').max(80).optional(),
});

// PATCH /api/staff/members/{memberId}
export const changeStaffMemberContract = defineContract({
  method: 'PATCH',
  path: '/api/staff/members/{memberId}',
  summary: "Set a staff account's role and/or display name (admin session only; audited; the last admin cannot be made staff)",
  tag: 'Staff',
  auth: 'admin',
  rateLimit: 'general',
  params: StaffMemberParams,
  body: ChangeStaffMemberRequest,
  response: StaffMemberResponse,
  errors: ['VALIDATION_ERROR', 'STAFF_MEMBER_NOT_FOUND', 'LAST_ADMIN', ...adminErrors],
});

// DELETE /api/staff/members/{memberId}
export const removeStaffMemberContract = defineContract({
  method: 'DELETE',
  path: '/api/staff/members/{memberId}',
  summary: 'Remove a staff account: its rights end with its next request (admin session only; audited; not the last admin)',
  tag: 'Staff',
  auth: 'admin',
  rateLimit: 'general',
  params: StaffMemberParams,
  response: StaffMemberResponse,
  errors: ['VALIDATION_ERROR', 'STAFF_MEMBER_NOT_FOUND', 'LAST_ADMIN', ...adminErrors],
});

export const StaffAuditQuery = z.object({
  limit: z.coerce.number({ error: 'limit must be a whole number from 1 to 200' }).int('limit must be a whole number from 1 to 200').min(1).max(200).default(50),
});
export const StaffAuditResponse = z.object({ entries: z.array(StaffAuditEntry).describe('Newest first') });

// GET /api/staff/audit
export const staffAuditContract = defineContract({
  method: 'GET',
  path: '/api/staff/audit',
  summary: 'The latest staff account changes: who, what, when, before and after (admin session only)',
  tag: 'Staff',
  auth: 'admin',
  rateLimit: 'general',
  query: StaffAuditQuery,
  response: StaffAuditResponse,
  errors: ['VALIDATION_ERROR', ...adminErrors],
});

export const StaffMeResponse = z.object({ member: StaffMember.describe('The caller’s own staff account') });

// GET /api/staff/me
export const staffMeContract = defineContract({
  method: 'GET',
  path: '/api/staff/me',
  summary: 'The signed-in staff account (staff or admin session)',
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'general',
  response: StaffMeResponse,
  errors: ['AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

export const PrizeCodeParams = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(REDEMPTION_CODE, 'A code is LG followed by 8 letters or digits')
    .describe("The redemption code the customer's LINE screen shows"),
});
export const DeskPrizeResponse = z.object({ prize: DeskPrize });

// GET /api/staff/prizes/{code}
export const findPrizeByCodeContract = defineContract({
  method: 'GET',
  path: '/api/staff/prizes/{code}',
  summary: 'Staff look up a won prize by its redemption code: the prize, the customer, whether it is redeemed or its campaign ended',
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'luckyDrawRedeem',
  params: PrizeCodeParams,
  response: DeskPrizeResponse,
  errors: ['VALIDATION_ERROR', 'PRIZE_NOT_FOUND', 'AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED'],
});

// POST /api/staff/prizes/{code}/redeem
export const redeemPrizeByCodeContract = defineContract({
  method: 'POST',
  path: '/api/staff/prizes/{code}/redeem',
  summary: "Staff hand a prize over by its code from their own device: once, under their account's display name; not for an ended campaign",
  tag: 'Staff',
  auth: 'staff',
  rateLimit: 'luckyDrawRedeem',
  params: PrizeCodeParams,
  response: DeskPrizeResponse,
  errors: ['VALIDATION_ERROR', 'PRIZE_NOT_FOUND', 'PRIZE_ALREADY_REDEEMED', 'CAMPAIGN_ENDED', 'AUTH_REQUIRED', 'FORBIDDEN', 'RATE_LIMIT_EXCEEDED'],
});
