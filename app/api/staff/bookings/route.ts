import { parseOrThrow, route } from '@/lib/http/route';
import { StaffBookingHeaders, staffCreateBooking, staffCreateBookingContract } from '@/lib/staff/walk-in-booking';

export const dynamic = 'force-dynamic';

// POST /api/staff/bookings – the desk books a walk-in or a phone call for a customer record
export const POST = route(staffCreateBookingContract, ({ staff, body, request }) => {
  const headers = parseOrThrow(StaffBookingHeaders, { 'Idempotency-Key': request.headers.get('idempotency-key')?.trim() || undefined });
  return staffCreateBooking(staff, body, headers['Idempotency-Key']);
});
