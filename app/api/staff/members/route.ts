import { route } from '@/lib/http/route';
import { adminSession } from '@/lib/staff/admin-session';
import { inviteStaffMember } from '@/lib/staff/invite-staff-member';
import { listStaffMembers } from '@/lib/staff/list-staff-members';
import { inviteStaffMemberContract, listStaffMembersContract } from '@/lib/staff/schemas';

export const dynamic = 'force-dynamic';

// GET /api/staff/members – an admin lists the active staff accounts
export const GET = route(listStaffMembersContract, ({ admin }) => listStaffMembers(adminSession(admin)));

// POST /api/staff/members – an admin adds a staff account for an email
export const POST = route(inviteStaffMemberContract, ({ admin, body }) => inviteStaffMember(adminSession(admin), body));
