import { createBooking } from '@/lib/bookings/create-booking';
import { createBookingContract } from '@/lib/bookings/schemas';
import { validationError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// POST /api/bookings/create – book a bay as a guest or member
export const POST = route(createBookingContract, ({ body, profileId, request }) => {
  const idempotencyKey = request.headers.get('idempotency-key')?.trim() || undefined;
  if (idempotencyKey && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
    throw validationError({ 'Idempotency-Key': 'Must be 1 to 200 visible ASCII characters' });
  }
  const vipSessionToken = request.headers.get('x-vip-session')?.trim() || undefined;
  return createBooking(body, profileId, { idempotencyKey, vipSessionToken });
});
