import { describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { POST as sessionsRoute } from '@/app/api/vip/sessions/route';
import { insertBooking, venueDate } from '../support/factories';
import { call, json, randomIp } from '../support/http';
import { sql } from '../support/sql';

async function openSession(code: string): Promise<string> {
  const response = await call(sessionsRoute, 'POST', '/api/vip/sessions', { body: { vip_code: code } });
  expect(response.status).toBe(200);
  return (await json<{ data: { session_token: string } }>(response)).data.session_token;
}

const book = (body: Record<string, unknown>, vipSession?: string) =>
  call(createRoute, 'POST', '/api/bookings/create', {
    ip: randomIp(),
    headers: vipSession ? { 'X-VIP-Session': vipSession } : {},
    body: {
      date: venueDate(40),
      startTime: '13:00',
      duration: 1,
      customerName: 'Hotel Guest',
      customerEmail: 'hotel.guest@example.test',
      customerPhone: '+1 305 555 0100',
      numberOfPeople: 2,
      ...body,
    },
  });

describe('bookings in a concierge VIP session', () => {
  it('attributes a booking made in a live session to the code, and so to its concierge and hotel', async () => {
    const token = await openSession(' miami2024 ');
    const response = await book({ customerEmail: 'attributed@example.test' }, token);
    expect(response.status).toBe(200);
    const body = await json<{ bookingId: string; vipCode: string | null }>(response);
    expect(body.vipCode).toBe('MIAMI2024');
    const [row] = await sql<{ code: string; hotel_name: string }>(
      `select v.code, c.hotel_name from public.bookings b
       join public.vip_codes v on v.id = b.vip_code_id join public.concierges c on c.id = v.concierge_id
       where b.id = $1`,
      [body.bookingId],
    );
    expect(row).toEqual({ code: 'MIAMI2024', hotel_name: 'Luxury Resort Miami' });
  });

  it('still books, unattributed, when the session has lapsed', async () => {
    const token = await openSession('MIAMI2024');
    await sql(`update public.vip_sessions set created_at = now() - interval '25 hours', expires_at = now() - interval '1 hour'`);
    const response = await book({ customerEmail: 'lapsed@example.test', startTime: '15:00' }, token);
    expect(response.status).toBe(200);
    const body = await json<{ bookingId: string; vipCode: string | null }>(response);
    expect(body.vipCode).toBeNull();
    const [row] = await sql('select vip_code_id from public.bookings where id = $1', [body.bookingId]);
    expect(row).toEqual({ vip_code_id: null });
  });

  it('never writes a booking in a demo session, but answers like the real flow, marked as a demo', async () => {
    const token = await openSession('NOPE1234');
    expect(token).toMatch(/^demo_\d+$/);
    const bookingsBefore = await sql<{ n: number }>('select count(*)::int as n from public.bookings');
    const response = await book({ customerEmail: 'demo@example.test', startTime: '17:00' }, token);
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body).toMatchObject({ success: true, demo: true, confirmationSent: false, calendarEventId: null, vipCode: null });
    expect(body.bookingReference).toMatch(/^DEMO-[0-9A-F]{8}$/);
    expect(await sql<{ n: number }>('select count(*)::int as n from public.bookings')).toEqual(bookingsBefore);
    expect(await sql(`select 1 from public.bookings where customer_email = 'demo@example.test'`)).toEqual([]);
    expect(await sql(`select 1 from public.outbox_jobs where payload ->> 'customerEmail' = 'demo@example.test'`)).toEqual([]);

    await insertBooking({ bay: 'Bay 2', date: venueDate(40), startTime: '19:00' });
    const taken = await book({ startTime: '19:00', bay: 'Bay 2' }, token);
    expect(taken.status).toBe(409);
    expect(await json(taken)).toMatchObject({ code: 'SLOT_UNAVAILABLE' });
  });

  it('refuses a malformed X-VIP-Session header with 400', async () => {
    const response = await book({}, 'not-a-token');
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ code: 'VALIDATION_ERROR', details: { fields: { 'X-VIP-Session': 'Not a VIP session token' } } });
  });
});
