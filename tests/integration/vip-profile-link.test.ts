import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as crmMappingRoute } from '@/app/api/crm/mapping/route';
import { POST as crmMatchRoute } from '@/app/api/crm/match/route';
import { POST as linkRoute } from '@/app/api/vip/link-account/route';
import { GET as profileRoute, PUT as updateProfileRoute } from '@/app/api/vip/profile/route';
import { GET as statusRoute } from '@/app/api/vip/status/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { rpc, serviceCaller } from '@/lib/db';
import { createProfile, randomSuffix } from '../support/factories';
import { call, json } from '../support/http';
import { sql, sqlAs } from '../support/sql';

const bearer = async (profileId: string) => ({ Authorization: `Bearer ${await issueSessionToken(profileId)}` });

/** A customer record with a Thai mobile number; returns its id and the number's local digits. */
async function customerWithPhone(email: string | null = `customer-${randomSuffix()}@example.test`) {
  const local = `08${randomInt(10000000, 99999999)}`;
  const [row] = await sql<{ id: string }>(
    `insert into public.customers (customer_code, name, email, phone) values ($1, 'Somchai', $2, $3) returning id`,
    [`CUS-${randomInt(100000, 999999)}`, email, `+66${local.slice(1)}`],
  );
  return { id: row!.id, local, email };
}

const link = async (profileId: string, body: unknown) => call(linkRoute, 'POST', '/api/vip/link-account', { headers: await bearer(profileId), body });

async function latestCode(customerEmail: string): Promise<string> {
  const [job] = await sql<{ code: string | null; text: string | null }>(
    `select j.payload ->> 'code' as code, m.body ->> 'text' as text from public.outbox_jobs j
     left join public.dev_outgoing_messages m on m.body ->> 'jobId' = j.id::text
     where j.kind = 'vip_link_code_email' and j.payload ->> 'customerEmail' = $1 order by j.created_at desc limit 1`,
    [customerEmail],
  );
  const code = job?.code ?? /\b(\d{6})\b/.exec(job?.text ?? '')?.[1];
  if (!code) throw new Error(`no code for ${customerEmail}`);
  return code;
}

async function oauthProfile(email: string): Promise<string> {
  const { profileId } = await rpc(
    'upsert_oauth_profile',
    { p_provider: 'google', p_provider_account_id: randomSuffix() + randomSuffix(), p_name: 'G User', p_email: email, p_picture_url: null },
    serviceCaller,
  );
  return profileId;
}

describe('GET and PUT /api/vip/profile', () => {
  it('reads the member’s own profile with private caching, and edits name, email and marketing preference', async () => {
    const a = await createProfile('Alice Member');
    const response = await call(profileRoute, 'GET', '/api/vip/profile', { headers: await bearer(a) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, max-age=180');
    expect(await json(response)).toMatchObject({
      id: a,
      name: 'Alice Member',
      phoneNumber: '0812345678',
      // Opt-in (PDPA): nobody gets marketing until they say yes.
      marketingPreference: false,
      customerStatus: 'not_linked',
      customerCode: null,
      vipTier: null,
      dataSource: 'new_customer_system',
    });

    const put = async (body: unknown) => call(updateProfileRoute, 'PUT', '/api/vip/profile', { headers: await bearer(a), body });
    const updated = await put({ display_name: 'Alice Geiermann', email: 'Alice@Example.test', marketingPreference: true });
    expect(updated.status).toBe(200);
    expect(await json(updated)).toEqual({
      success: true,
      message: 'Successfully updated: name, email, marketing_preference',
      updatedFields: ['name', 'email', 'marketing_preference'],
    });
    expect(await json(await put({ display_name: 'Alice Geiermann', marketingPreference: false }))).toMatchObject({ updatedFields: ['marketing_preference'] });
    const [row] = await sql<{ display_name: string; email: string; email_verified: boolean }>('select display_name, email, email_verified from public.profiles where id = $1', [a]);
    expect(row).toEqual({ display_name: 'Alice Geiermann', email: 'alice@example.test', email_verified: false });

    for (const body of [{}, { phoneNumber: '0899999999' }, { email: 'not-an-email' }, { display_name: '' }, { marketingPreference: 'yes' }]) {
      const bad = await put(body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    expect((await call(profileRoute, 'GET', '/api/vip/profile')).status).toBe(401);
  });

  it('B cannot read or change A’s profile through the SQL functions', async () => {
    const a = await createProfile('Alice');
    const b = await createProfile('Bob');
    const claimsB = { role: 'authenticated', sub: b, aud: 'authenticated' };
    await sqlAs('authenticated', claimsB, `select public.update_vip_profile(p_display_name => 'Hacked')`);
    const [alice] = await sql<{ display_name: string }>('select display_name from public.profiles where id = $1', [a]);
    expect(alice!.display_name).toBe('Alice');
    await expect(sqlAs('authenticated', claimsB, `update public.profiles set display_name = 'Hacked' where id = $1`, [a])).rejects.toMatchObject({ code: '42501' });
  });
});

describe('POST /api/vip/link-account', () => {
  it('links at once when the member’s verified (OAuth) email is the record’s; every phone format finds the same record', async () => {
    for (const format of [(l: string) => l, (l: string) => `+66 ${l.slice(1, 3)} ${l.slice(3, 6)} ${l.slice(6)}`, (l: string) => `66${l.slice(1)}`]) {
      const email = `verified-${randomSuffix()}@example.test`;
      const customer = await customerWithPhone(email);
      const profileId = await oauthProfile(email);
      const response = await link(profileId, { phoneNumber: format(customer.local) });
      expect(response.status, format(customer.local)).toBe(200);
      expect(await json(response)).toEqual({ message: 'Account linked successfully.', status: 'linked_matched', crmCustomerId: customer.id });
      const status = await json(await call(statusRoute, 'GET', '/api/vip/status', { headers: await bearer(profileId) }));
      expect(status).toEqual({ status: 'linked_matched', crmCustomerId: customer.id });
    }
  });

  it('404 with the spec’s message when no customer has the number; 400 for a number that is not one', async () => {
    const profileId = await createProfile();
    const response = await link(profileId, { phoneNumber: '0899999999' });
    expect(response.status).toBe(404);
    expect(await json(response)).toMatchObject({ error: 'No matching customer account found.', code: 'CUSTOMER_NOT_FOUND' });
    expect((await link(profileId, { phoneNumber: 'call me' })).status).toBe(400);
  });

  it('a phone number alone does not link: a code goes to the record’s email, and only that code links', async () => {
    const customer = await customerWithPhone();
    const guest = await createProfile(); // a guest typed someone else's phone number
    const first = await link(guest, { phoneNumber: customer.local });
    expect(first.status).toBe(202);
    expect(await json(first)).toMatchObject({ status: 'verification_required', crmCustomerId: null, verification: { channel: 'email' } });
    expect(await sql('select customer_id from public.profiles where id = $1', [guest])).toEqual([{ customer_id: null }]);
    expect((await json(await call(statusRoute, 'GET', '/api/vip/status', { headers: await bearer(guest) }))).status).toBe('linked_unmatched');
    const [stored] = await sql<{ code_hash: string }>('select code_hash from public.vip_link_codes where profile_id = $1', [guest]);
    const code = await latestCode(customer.email!);
    expect(stored!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.code_hash).not.toContain(code);

    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await link(guest, { phoneNumber: customer.local, code: wrong });
    expect(refused.status).toBe(400);
    expect((await json(refused)).code).toBe('LINK_CODE_INVALID');
    const linked = await link(guest, { phoneNumber: `+66${customer.local.slice(1)}`, code });
    expect(linked.status).toBe(200);
    expect(await json(linked)).toMatchObject({ status: 'linked_matched', crmCustomerId: customer.id });

    // Nobody else takes the record over now, verified email or not.
    const other = await oauthProfile(customer.email!);
    const taken = await link(other, { phoneNumber: customer.local });
    expect(taken.status).toBe(409);
    expect((await json(taken)).code).toBe('CUSTOMER_ALREADY_LINKED');
  });

  it('an expired code does not link', async () => {
    const customer = await customerWithPhone();
    const profileId = await createProfile();
    expect((await link(profileId, { phoneNumber: customer.local })).status).toBe(202);
    const code = await latestCode(customer.email!);
    await sql(`update public.vip_link_codes set expires_at = now() - interval '1 second' where profile_id = $1`, [profileId]);
    const response = await link(profileId, { phoneNumber: customer.local, code });
    expect(response.status).toBe(400);
    expect(await sql('select customer_id from public.profiles where id = $1', [profileId])).toEqual([{ customer_id: null }]);
  });

  it('guessing is cut off: a code dies after 5 wrong tries, and the route’s rate limit answers 429', async () => {
    const customer = await customerWithPhone();
    const profileId = await createProfile();
    expect((await link(profileId, { phoneNumber: customer.local })).status).toBe(202);
    const code = await latestCode(customer.email!);
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, '0');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await link(profileId, { phoneNumber: customer.local, code: wrong })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    // The right code no longer works: the code is used up.
    expect((await link(profileId, { phoneNumber: customer.local, code })).status).toBe(400);
    // 8 requests per 15 minutes per member: the next ones are refused before any code is checked.
    expect((await link(profileId, { phoneNumber: customer.local, code })).status).toBe(400);
    const limited = await link(profileId, { phoneNumber: customer.local, code });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect(await sql('select customer_id from public.profiles where id = $1', [profileId])).toEqual([{ customer_id: null }]);
  });
});

describe('deprecated /api/crm/* routes', () => {
  it('answer 410 Gone with the replacement, the migration guide and Deprecation/Link headers', async () => {
    const response = await call(crmMatchRoute, 'POST', '/api/crm/match', { body: { phoneNumber: '0812345678' } });
    expect(response.status).toBe(410);
    expect(response.headers.get('deprecation')).toMatch(/^@\d+$/);
    expect(response.headers.get('link')).toContain('</api/vip/link-account>; rel="successor-version"'.replace('</', '<http://localhost:3000/'));
    expect(await json(response)).toMatchObject({ code: 'GONE', details: { replacement: '/api/vip/link-account' }, path: '/api/crm/match' });
    const mapping = await call(crmMappingRoute, 'GET', '/api/crm/mapping');
    expect(mapping.status).toBe(410);
    expect((await json<{ details: { replacement: string } }>(mapping)).details.replacement).toBe('/api/vip/status');
  });
});

describe('POST /api/vip/link-account discloses no more than the spec’s 404', () => {
  it('a linked member learns nothing about other numbers: the same 409 for a customer’s number and for nobody’s', async () => {
    const mine = await customerWithPhone();
    const someoneElse = await customerWithPhone();
    const member = await createProfile();
    await sql('update public.profiles set customer_id = $1 where id = $2', [mine.id, member]);

    expect((await link(member, { phoneNumber: mine.local })).status).toBe(200);
    const answers = [];
    for (const phoneNumber of [someoneElse.local, '0899999999']) {
      const response = await link(member, { phoneNumber });
      answers.push({ status: response.status, code: (await json(response)).code });
    }
    expect(answers).toEqual([
      { status: 409, code: 'PROFILE_ALREADY_LINKED' },
      { status: 409, code: 'PROFILE_ALREADY_LINKED' },
    ]);
  });

  it('the code’s destination shows one letter of the mailbox and of the domain', async () => {
    const customer = await customerWithPhone(`somchai.jaidee-${randomSuffix()}@mail.example.co`);
    const response = await link(await createProfile(), { phoneNumber: customer.local });
    expect(response.status).toBe(202);
    expect((await json<{ verification: { destination: string } }>(response)).verification.destination).toBe('s***@m***.co');
  });

  it('a second code within a minute is a 429 with the spec’s details and Retry-After', async () => {
    const customer = await customerWithPhone();
    const member = await createProfile();
    expect((await link(member, { phoneNumber: customer.local })).status).toBe(202);
    const again = await link(member, { phoneNumber: customer.local });
    expect(again.status).toBe(429);
    const { details } = await json<{ details: { limit: number; remaining: number; resetTime: string } }>(again);
    expect(details).toMatchObject({ limit: 1, remaining: 0 });
    const secondsLeft = (Date.parse(details.resetTime) - Date.now()) / 1000;
    expect(secondsLeft).toBeGreaterThan(0);
    expect(secondsLeft).toBeLessThanOrEqual(60);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThanOrEqual(Math.floor(secondsLeft));
    expect(Number(again.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('one client probing with fresh guest profiles is stopped by the per-client limit', async () => {
    const ip = '192.0.2.77';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const response = await call(linkRoute, 'POST', '/api/vip/link-account', {
        headers: await bearer(await createProfile()),
        body: { phoneNumber: `08${randomInt(10000000, 99999999)}` },
        ip,
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
