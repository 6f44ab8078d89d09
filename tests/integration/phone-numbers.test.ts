import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { POST as linkRoute } from '@/app/api/vip/link-account/route';
import { authOptions } from '@/lib/auth/options';
import { issueSessionToken } from '@/lib/auth/session-token';
import { createProfile, insertBooking, randomSuffix, venueDate } from '../support/factories';
import { call, json, randomIp } from '../support/http';
import { sql } from '../support/sql';

/**
 * Phone numbers are valid numbers (libphonenumber-js, Thailand without a +), stored as E.164:
 * the refusals the old rule missed, foreign numbers it must still take, and the migration that
 * normalised the numbers stored before.
 */

const INVALID = 'Phone must be a Thai number (0812345678) or start with +country code';

const booking = (customerPhone: string) =>
  call(createRoute, 'POST', '/api/bookings/create', {
    ip: randomIp(),
    body: {
      date: venueDate(24),
      startTime: '11:00',
      duration: 1,
      customerName: 'Phone Tester',
      customerEmail: `phone-${randomSuffix()}@example.test`,
      customerPhone,
      numberOfPeople: 1,
    },
  });

type Guest = { options: { id: string; authorize: (credentials: Record<string, string>) => Promise<{ id: string } | null> } };
const guestSignIn = (phone: string) =>
  (authOptions().providers as unknown as Guest[])
    .find((provider) => provider.options?.id === 'guest')!
    .options.authorize({ name: 'Guest', email: `guest-${randomSuffix()}@example.test`, phone });

describe('phone numbers', () => {
  it('POST /api/bookings/create refuses "081-234-567", a digit short of a Thai mobile, and "+999 1234 5678", no country\'s number', async () => {
    for (const phone of ['081-234-567', '+999 1234 5678']) {
      const response = await booking(phone);
      expect(response.status, phone).toBe(400);
      expect(await json(response)).toMatchObject({ code: 'VALIDATION_ERROR', details: { fields: { customerPhone: INVALID } } });
    }
  });

  it('POST /api/bookings/create takes a valid foreign number and stores it as E.164', async () => {
    const response = await booking('+1 202 555 0143');
    expect(response.status).toBe(200);
    const { bookingId } = await json<{ bookingId: string }>(response);
    const [row] = await sql<{ customer_phone: string }>('select customer_phone from public.bookings where id = $1', [bookingId]);
    expect(row!.customer_phone).toBe('+12025550143');
  });

  it('POST /api/vip/link-account refuses an invalid number with 400 before any lookup', async () => {
    const profileId = await createProfile();
    const response = await call(linkRoute, 'POST', '/api/vip/link-account', {
      headers: { Authorization: `Bearer ${await issueSessionToken(profileId)}` },
      body: { phoneNumber: '081-234-567' },
    });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ details: { fields: { phoneNumber: INVALID } } });
  });

  it('guest sign-in refuses an invalid number and stores a valid one as E.164', async () => {
    // Refused with the field named, so the sign-in form can mark it (lib/auth/sign-in-errors.ts).
    await expect(guestSignIn('081-234-567')).rejects.toThrow('GuestInvalid:phone');
    const user = await guestSignIn('081-234-5678');
    const [row] = await sql<{ phone: string }>('select phone from public.profiles where id = $1', [user!.id]);
    expect(row!.phone).toBe('+66812345678');
  });

  it('the migration rewrites the Thai forms it is sure of as E.164 and leaves the rest as they were', async () => {
    const typed = ['081-234-5678', '(02) 123-4567', '66 81 234 5678', '+66 (0) 81 234 5678', '+1 202-555-0143', '081-234-567', 'call me'];
    const expected = ['+66812345678', '+6621234567', '+66812345678', '+66812345678', '+12025550143', '081-234-567', 'call me'];
    const profiles: string[] = [];
    for (const phone of typed) {
      const [row] = await sql<{ id: string }>(`insert into public.profiles (provider, display_name, phone) values ('guest', 'Old guest', $1) returning id`, [phone]);
      profiles.push(row!.id);
    }
    const bookingId = await insertBooking({ date: venueDate(25), startTime: '15:00' });
    await sql('update public.bookings set customer_phone = $1 where id = $2', ['0-2123-4567', bookingId]);
    const [customer] = await sql<{ id: string }>(
      `insert into public.customers (customer_code, name, phone) values ($1, 'Old record', '+660812345678') returning id`,
      [`CUS-${Math.floor(100000 + Math.random() * 900000)}`],
    );

    // The migration is written to run again harmlessly: its statements, on rows written the old way.
    await sql(await readFile(path.resolve('supabase/migrations/20261201003000_phone_numbers_e164.sql'), 'utf8'));

    const phones = await sql<{ id: string; phone: string }>('select id, phone from public.profiles where id = any($1)', [profiles]);
    expect(profiles.map((id) => phones.find((row) => row.id === id)!.phone)).toEqual(expected);
    expect(await sql('select customer_phone from public.bookings where id = $1', [bookingId])).toEqual([{ customer_phone: '+6621234567' }]);
    expect(await sql('select phone from public.customers where id = $1', [customer!.id])).toEqual([{ phone: '+66812345678' }]);
  });
});
