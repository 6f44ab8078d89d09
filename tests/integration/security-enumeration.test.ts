import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createBookingRoute } from '@/app/api/bookings/create/route';
import { POST as devTokenRoute } from '@/app/api/liff/dev-token/route';
import { POST as spinRoute } from '@/app/api/liff/spin/route';
import { GET as customerStatusRoute } from '@/app/api/lucky-draw/customer-status/route';
import { POST as linkRoute } from '@/app/api/vip/link-account/route';
import { PUT as profileRoute } from '@/app/api/vip/profile/route';
import { authOptions } from '@/lib/auth/options';
import { issueSessionToken } from '@/lib/auth/session-token';
import { createProfile, randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { lineCustomer, lineUserIdOf, TEST_CHANNEL_ID, TEST_CHANNEL_SECRET } from '../support/lucky-draw';
import { sql } from '../support/sql';

/**
 * No route tells a caller whether an email or phone number is in our records beyond what
 * the spec requires: the answers for a known and an unknown email or phone are the same
 * status and the same body (same fields, same types, same messages).
 */

/** A body with every value replaced by its type (and no timestamp): what a caller can compare. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'timestamp').map(([key, v]) => [key, shape(v)]));
  }
  return value === null ? 'null' : typeof value;
}

/** An error answer without its timestamp: everything else must be equal. */
const withoutTimestamp = ({ timestamp: _ignored, ...rest }: Record<string, unknown>) => rest;

/** A customer record with this email and phone, as staff keep them. */
async function customerWith(email: string, phone: string): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `insert into public.customers (customer_code, name, email, phone) values ($1, 'Known Customer', $2, $3) returning id`,
    [`CUS-${randomInt(100000, 999999)}`, email, phone],
  );
  return row!.id;
}

const known = { email: `known-${randomSuffix()}@example.test`, phone: `+668${randomInt(10000000, 99999999)}` };
const unknown = () => ({ email: `nobody-${randomSuffix()}@example.test`, phone: `+669${randomInt(10000000, 99999999)}` });
const saved = { ...process.env };

beforeAll(async () => {
  await customerWith(known.email, known.phone);
  // A member profile signed in with the same email and phone, too.
  await sql(`update public.profiles set email = $1, phone = $2 where id = $3`, [known.email, known.phone, await createProfile()]);
  Object.assign(process.env, { LINE_LIFF_CHANNEL_ID: TEST_CHANNEL_ID, LINE_LIFF_CHANNEL_SECRET: TEST_CHANNEL_SECRET });
});

afterAll(() => {
  for (const key of ['LINE_LIFF_CHANNEL_ID', 'LINE_LIFF_CHANNEL_SECRET']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe('enumeration: known and unknown emails and phones get the same answers', () => {
  it('POST /api/bookings/create: booking as a guest with a known customer’s email and phone is answered like any other', async () => {
    const book = (contact: { email: string; phone: string }, startTime: string) =>
      call(createBookingRoute, 'POST', '/api/bookings/create', {
        body: { date: venueDate(59), startTime, duration: 1, numberOfPeople: 2, customerName: 'Someone', customerEmail: contact.email, customerPhone: contact.phone },
      });
    const withKnown = await book(known, '12:00');
    const withUnknown = await book(unknown(), '15:00');
    expect(withKnown.status).toBe(200);
    expect(withUnknown.status).toBe(withKnown.status);
    const [a, b] = [await json(withKnown), await json(withUnknown)];
    expect(shape(a)).toEqual(shape(b));
    // The guest's booking is not attached to the customer record with that email or phone.
    const [row] = await sql<{ customer_id: string | null; profile_id: string | null }>('select customer_id, profile_id from public.bookings where id = $1', [a.bookingId]);
    expect(row).toEqual({ customer_id: null, profile_id: null });
  });

  it('PUT /api/vip/profile: changing to an email somebody else has is answered like any other change', async () => {
    const token = await issueSessionToken(await createProfile());
    const update = (email: string) => call(profileRoute, 'PUT', '/api/vip/profile', { headers: { Authorization: `Bearer ${token}` }, body: { email } });
    const toKnown = await update(known.email);
    const toUnknown = await update(unknown().email);
    expect(toKnown.status).toBe(200);
    expect(toUnknown.status).toBe(200);
    expect(await json(toKnown)).toEqual(await json(toUnknown));
  });

  it('guest sign-in (NextAuth guest provider): a known email or phone gets a new profile, like any other', async () => {
    // next-auth keeps a credentials provider's own settings (id, authorize) under `options`.
    type Guest = { options: { id: string; authorize: (credentials: Record<string, string>) => Promise<{ id: string; name: string; email: string } | null> } };
    const guest = (authOptions().providers as unknown as Guest[]).find((provider) => provider.options?.id === 'guest')!;
    const first = await guest.options.authorize({ name: 'Known', email: known.email, phone: known.phone });
    const other = unknown();
    const second = await guest.options.authorize({ name: 'Unknown', email: other.email, phone: other.phone });
    expect(shape(first)).toEqual(shape(second));
    const [row] = await sql<{ customer_id: string | null; provider: string }>('select customer_id, provider from public.profiles where id = $1', [first!.id]);
    expect(row).toEqual({ customer_id: null, provider: 'guest' });
  });

  it('lucky draw: another customer’s id and an id nobody has get the same 403, for customer-status and spin', async () => {
    const member = await lineCustomer(0);
    const other = await lineCustomer(0);
    const headers = { Authorization: `Bearer ${member.token}` };
    const status = (customerId: string) => call(customerStatusRoute, 'GET', `/api/lucky-draw/customer-status?customerId=${customerId}`, { headers });
    const spin = (customerId: string) => call(spinRoute, 'POST', '/api/liff/spin', { headers, body: { customerId, lineUserId: member.lineUserId } });
    for (const ask of [status, spin]) {
      const existing = await ask(other.customerId);
      const missing = await ask(crypto.randomUUID());
      expect(existing.status).toBe(403);
      expect(missing.status).toBe(403);
      expect(withoutTimestamp(await json(existing))).toEqual(withoutTimestamp(await json(missing)));
    }
  });

  it('POST /api/liff/dev-token (local only): a known and an unknown LINE user get the same kind of token', async () => {
    const member = await lineCustomer(0);
    const mint = (lineUserId: string) => call(devTokenRoute, 'POST', '/api/liff/dev-token', { body: { lineUserId } });
    const a = await mint(member.lineUserId);
    const b = await mint(lineUserIdOf());
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(shape(await json(a))).toEqual(shape(await json(b)));
  });

  it('POST /api/vip/link-account: only what the spec requires — 404 with its own text for an unknown phone; a known one never shows the email', async () => {
    const token = await issueSessionToken(await createProfile());
    const link = (phoneNumber: string) => call(linkRoute, 'POST', '/api/vip/link-account', { headers: { Authorization: `Bearer ${token}` }, body: { phoneNumber } });
    const missing = await link(unknown().phone);
    expect(missing.status).toBe(404);
    expect(withoutTimestamp(await json(missing))).toEqual({ error: 'No matching customer account found.', code: 'CUSTOMER_NOT_FOUND', path: '/api/vip/link-account' });

    // The spec's 404 tells that a phone is known; the answer for a known one proves nothing
    // and shows the record's email masked, never in full.
    const found = await link(known.phone);
    expect(found.status).toBe(202);
    const body = JSON.stringify(await json(found));
    expect(body).not.toContain(known.email);
    expect(body).not.toContain(known.email.split('@')[0]!);
  });
});
