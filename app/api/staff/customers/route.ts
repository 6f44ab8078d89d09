import { route } from '@/lib/http/route';
import { createCustomer, createCustomerContract, findCustomers, findCustomersContract } from '@/lib/staff/walk-in-booking';

export const dynamic = 'force-dynamic';

// GET /api/staff/customers?q= – the desk finds a customer by phone, name, email or booking reference
export const GET = route(findCustomersContract, ({ staff, query }) => findCustomers(staff, query.q));

// POST /api/staff/customers – the desk adds a customer record
export const POST = route(createCustomerContract, ({ staff, body }) => createCustomer(staff, body));
