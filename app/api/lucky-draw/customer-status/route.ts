import { route } from '@/lib/http/route';
import { getCustomerStatus } from '@/lib/lucky-draw/get-customer-status';
import { customerStatusContract } from '@/lib/lucky-draw/schemas';

export const dynamic = 'force-dynamic';

// GET /api/lucky-draw/customer-status?customerId= – a LINE user's draws and prizes
export const GET = route(customerStatusContract, ({ lineUserId, query }) => getCustomerStatus(lineUserId, query.customerId));
