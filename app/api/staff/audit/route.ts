import { route } from '@/lib/http/route';
import { adminSession } from '@/lib/staff/admin-session';
import { listStaffAudit } from '@/lib/staff/list-staff-audit';
import { staffAuditContract } from '@/lib/staff/schemas';

export const dynamic = 'force-dynamic';

// GET /api/staff/audit – an admin reads who changed which staff account, and how
export const GET = route(staffAuditContract, ({ admin, query }) => listStaffAudit(adminSession(admin), query.limit));
