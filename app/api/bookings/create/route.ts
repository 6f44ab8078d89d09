import { createBooking } from '@/lib/bookings/create-booking';
import { CreateBookingHeaders, createBookingContract } from '@/lib/bookings/schemas';
import { parseOrThrow, route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** A header's value, trimmed; empty counts as absent. */
const headerOf = (request: Request, name: string) => request.headers.get(name)?.trim() || undefined;

// POST /api/bookings/create – book a bay as a guest or member
export const POST = route(createBookingContract, ({ body, profileId, request, limit, callerKey }) => {
  const headers = parseOrThrow(CreateBookingHeaders, {
    'Idempotency-Key': headerOf(request, 'idempotency-key'),
    'X-VIP-Session': headerOf(request, 'x-vip-session'),
  });
  return createBooking(body, profileId, {
    idempotencyKey: headers['Idempotency-Key'],
    vipSessionToken: headers['X-VIP-Session'],
    rateLimit: { limit, callerKey },
  });
});
