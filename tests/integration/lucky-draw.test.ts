import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as spinRoute } from '@/app/api/liff/spin/route';
import { GET as campaignRoute } from '@/app/api/lucky-draw/campaign-status/route';
import { GET as customerRoute } from '@/app/api/lucky-draw/customer-status/route';
import { POST as redeemRoute } from '@/app/api/lucky-draw/redeem/route';
import { POST as salesRoute } from '@/app/api/lucky-draw/sales-transactions/route';
import { POST as redeemByCodeRoute } from '@/app/api/staff/prizes/[code]/redeem/route';
import { createCustomer, createProfile, randomSuffix } from '../support/factories';
import { call, json } from '../support/http';
import { freshCampaign, lineCustomer, lineToken, lineUserIdOf, TEST_CHANNEL_ID, TEST_CHANNEL_SECRET } from '../support/lucky-draw';
import { sql, sqlAs } from '../support/sql';
import { createStaffMember, emailSession, type StaffFixture } from '../support/staff';

const SYSTEM_KEY = `system-${randomSuffix()}`;

interface Spun { success: true; prize: string; prizeDescription: string; redemptionCode: string; drawsRemaining: number; prizeId: string }
interface CustomerStatus {
  draws_available: number;
  campaignActive: boolean;
  prizes: Array<{ id: string; prize_name: string; redemption_code: string; is_redeemed: boolean; redeemed_at: string | null; redeemed_by_staff_name: string | null; draw_sequence: number }>;
}

const spin = (token: string | null, body: unknown) =>
  call(spinRoute, 'POST', '/api/liff/spin', { body, headers: token ? { Authorization: `Bearer ${token}` } : {} });
const customerStatus = (token: string, customerId: string) =>
  call(customerRoute, 'GET', `/api/lucky-draw/customer-status?customerId=${customerId}`, { headers: { Authorization: `Bearer ${token}` } });
// The front desk's own staff session (made in beforeAll); a test may pass other headers.
let desk: StaffFixture;
const redeem = (body: unknown, headers: Record<string, string> = desk.headers) => call(redeemRoute, 'POST', '/api/lucky-draw/redeem', { body, headers });
const recordSale = (body: unknown, key: string | null = SYSTEM_KEY) =>
  call(salesRoute, 'POST', '/api/lucky-draw/sales-transactions', { body, headers: key ? { Authorization: `Bearer ${key}` } : {} });

// A local stand-in of LINE's key set (ES256), served over HTTP as LINE publishes it.
let jwks: Server;
let signingKey: CryptoKey;
let impostorKey: CryptoKey;
const kid = `kid-${randomSuffix()}`;
const saved = { ...process.env };

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  signingKey = pair.privateKey as CryptoKey;
  impostorKey = (await generateKeyPair('ES256')).privateKey as CryptoKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' };
  jwks = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    LINE_LIFF_CHANNEL_ID: TEST_CHANNEL_ID,
    LINE_LIFF_CHANNEL_SECRET: TEST_CHANNEL_SECRET,
    LINE_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/oauth2/v2.1/certs`,
    SYSTEM_API_KEY: SYSTEM_KEY,
  });
  desk = await createStaffMember('staff', 'Som (front desk)');
});

afterAll(async () => {
  for (const key of ['LINE_LIFF_CHANNEL_ID', 'LINE_LIFF_CHANNEL_SECRET', 'LINE_JWKS_URL', 'SYSTEM_API_KEY']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await new Promise((resolve) => jwks.close(resolve));
});

const es256Token = (sub: string, key: CryptoKey = signingKey, expiresIn: string | number = '10m') =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid })
    .setSubject(sub)
    .setIssuer('https://access.line.me')
    .setAudience(TEST_CHANNEL_ID)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);

describe('POST /api/lucky-draw/sales-transactions (the POS)', () => {
  it('credits one draw per transaction of 500 THB or more, once per transaction id, and only with the system key', async () => {
    await freshCampaign({ Hat: 5 });
    const customerId = await createCustomer();
    const sale = { transactionId: `POS-${randomSuffix()}`, customerId, amountThb: 500 };
    expect((await recordSale(sale, null)).status).toBe(401);
    expect((await recordSale(sale, 'wrong')).status).toBe(401);

    const [first, again] = [await recordSale(sale), await recordSale(sale)];
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ transactionId: sale.transactionId, customerId, drawsCredited: 1, duplicate: false, drawsAvailable: 1 });
    expect(await json(again)).toEqual({ transactionId: sale.transactionId, customerId, drawsCredited: 0, duplicate: true, drawsAvailable: 1 });
    // Posted concurrently too: still one draw.
    const racing = { ...sale, transactionId: `POS-${randomSuffix()}` };
    const raced = await Promise.all(Array.from({ length: 10 }, () => recordSale(racing)));
    expect(raced.map((response) => response.status)).toEqual(Array(10).fill(200));
    const small = await json(await recordSale({ ...sale, transactionId: `POS-${randomSuffix()}`, amountThb: 499.99 }));
    expect(small).toMatchObject({ drawsCredited: 0, duplicate: false, drawsAvailable: 2 });
    const [{ draws }] = (await sql<{ draws: number }>('select public.get_customer_draws($1) as draws', [customerId])) as [{ draws: number }];
    expect(draws).toBe(2);

    // A sale made before the campaign started earns nothing; one made during it does.
    const early = await json(await recordSale({ ...sale, transactionId: `POS-${randomSuffix()}`, occurredAt: '2020-01-01T10:00:00+07:00' }));
    expect(early).toMatchObject({ drawsCredited: 0, duplicate: false });
    const during = await json(await recordSale({ ...sale, transactionId: `POS-${randomSuffix()}`, occurredAt: new Date().toISOString() }));
    expect(during).toMatchObject({ drawsCredited: 1, drawsAvailable: 3 });
    const reused = await recordSale({ ...sale, amountThb: 900 });
    expect(reused.status).toBe(409);
    expect((await recordSale({ ...sale, transactionId: `POS-${randomSuffix()}`, customerId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await recordSale({ transactionId: '', customerId, amountThb: -1 })).status).toBe(400);
  });
});

describe('POST /api/liff/spin', () => {
  it('spends a draw, awards a prize with an LG code, and shows it in customer-status; audited', async () => {
    await freshCampaign({ 'Golf Hat': 2, 'Golf Marker': 1 });
    const member = await lineCustomer(2);
    const response = await spin(member.token, { customerId: member.customerId, lineUserId: member.lineUserId });
    expect(response.status).toBe(200);
    expect(response.headers.get('X-RateLimit-Limit')).toBe('10');
    const body = await json<Spun>(response);
    expect(body).toEqual({
      success: true,
      prize: expect.stringMatching(/^Golf (Hat|Marker)$/),
      prizeDescription: `${body.prize} description`,
      // This campaign's prizes have no Thai texts (thai-names-api.test.ts has some).
      prizeTh: null,
      prizeDescriptionTh: null,
      redemptionCode: expect.stringMatching(/^LG[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/),
      drawsRemaining: 1,
      prizeId: expect.any(String),
    });
    const status = await customerStatus(member.token, member.customerId);
    expect(status.status).toBe(200);
    expect(await json(status)).toEqual({
      draws_available: 1,
      campaignActive: true,
      prizes: [{
        id: body.prizeId,
        prize_name: body.prize,
        prize_name_th: null,
        prize_description: body.prizeDescription,
        prize_description_th: null,
        redemption_code: body.redemptionCode,
        spin_timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        is_redeemed: false,
        redeemed_at: null,
        redeemed_by_staff_name: null,
        draw_sequence: 1,
      }],
    });
    const audit = await sql('select kind, detail from public.lucky_draw_audit where award_id = $1', [body.prizeId]);
    expect(audit).toEqual([{ kind: 'spin', detail: expect.objectContaining({ lineUserId: member.lineUserId, drawSequence: 1 }) }]);
  });

  it("answers the spec's errors: 400 no draws, 403 not linked or another customer, 404 no profile, 409 all prizes claimed", async () => {
    await freshCampaign({ 'Last Hat': 1 });
    const [winner, other] = [await lineCustomer(1), await lineCustomer(1)];
    const noDraws = await lineCustomer(0);
    const expectError = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      expect(await json(response)).toMatchObject({ code, path: '/api/liff/spin' });
    };
    await expectError(await spin(noDraws.token, { customerId: noDraws.customerId, lineUserId: noDraws.lineUserId }), 400, 'NO_DRAWS_AVAILABLE');
    // A body naming another customer, or another LINE user than the token's.
    await expectError(await spin(winner.token, { customerId: other.customerId, lineUserId: winner.lineUserId }), 403, 'FORBIDDEN');
    await expectError(await spin(winner.token, { customerId: other.customerId, lineUserId: other.lineUserId }), 403, 'FORBIDDEN');
    expect((await customerStatus(winner.token, other.customerId)).status).toBe(403);

    const unlinkedUser = lineUserIdOf();
    await sql(`insert into public.profiles (provider, provider_account_id, display_name) values ('line', $1, 'Unlinked')`, [unlinkedUser]);
    await expectError(await spin(await lineToken(unlinkedUser), { customerId: winner.customerId, lineUserId: unlinkedUser }), 403, 'CUSTOMER_NOT_LINKED');
    const stranger = lineUserIdOf();
    await expectError(await spin(await lineToken(stranger), { customerId: winner.customerId, lineUserId: stranger }), 404, 'PROFILE_NOT_FOUND');

    expect((await spin(winner.token, { customerId: winner.customerId, lineUserId: winner.lineUserId })).status).toBe(200);
    await expectError(await spin(other.token, { customerId: other.customerId, lineUserId: other.lineUserId }), 409, 'NO_PRIZES_AVAILABLE');
    // The draw was not spent, and no spin was recorded (both happen before the pick, in its transaction).
    expect(await json(await customerStatus(other.token, other.customerId))).toMatchObject({ draws_available: 1, prizes: [] });
    expect(await sql('select count(*)::int as spins from public.lucky_draw_spins where customer_id = $1', [other.customerId])).toEqual([{ spins: 0 }]);
    await expectError(await spin(other.token, { customerId: other.customerId }), 400, 'VALIDATION_ERROR');
  });

  it('refuses a missing, forged, expired, wrong-audience or wrong-issuer LINE token; accepts ES256 from the key set', async () => {
    await freshCampaign({ Cap: 10 });
    const member = await lineCustomer(1);
    const body = { customerId: member.customerId, lineUserId: member.lineUserId };
    expect((await spin(null, body)).status).toBe(401);
    const refused = [
      await lineToken(member.lineUserId, { secret: 'not-the-channel-secret-at-all-0123456' }),
      await lineToken(member.lineUserId, { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      await lineToken(member.lineUserId, { audience: '9999999999' }),
      await lineToken(member.lineUserId, { issuer: 'https://evil.example' }),
      await es256Token(member.lineUserId, impostorKey),
      await es256Token(member.lineUserId, signingKey, Math.floor(Date.now() / 1000) - 60),
      `${member.token.slice(0, -4)}AAAA`,
      'not.a.token',
    ];
    for (const token of refused) {
      const response = await spin(token, body);
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ code: 'LINE_TOKEN_INVALID' });
    }
    expect(await json(await customerStatus(member.token, member.customerId))).toMatchObject({ draws_available: 1 });

    // LINE's key set unreachable: 503, not the caller's fault.
    const jwksUrl = process.env.LINE_JWKS_URL;
    process.env.LINE_JWKS_URL = 'http://127.0.0.1:1/oauth2/v2.1/certs';
    try {
      expect((await customerStatus(await es256Token(member.lineUserId), member.customerId)).status).toBe(503);
    } finally {
      process.env.LINE_JWKS_URL = jwksUrl;
    }

    const es256 = await es256Token(member.lineUserId);
    expect((await customerStatus(es256, member.customerId)).status).toBe(200);
    expect((await spin(es256, body)).status).toBe(200);
  });

  it('one customer with 3 draws firing 20 concurrent spins gets exactly 3 prizes (the rest: no draws, or rate limited)', async () => {
    await freshCampaign({ Ball: 50, Towel: 50 });
    const member = await lineCustomer(3);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => spin(member.token, { customerId: member.customerId, lineUserId: member.lineUserId })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    expect(statuses.filter((status) => status === 400)).toHaveLength(7);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10);
    const [row] = await sql<{ awards: string; remaining: string }>(
      `select (select count(*) from public.lucky_draw_awards where customer_id = $1) as awards,
              (select sum(remaining) from public.lucky_draw_prizes p join public.lucky_draw_campaigns c on c.id = p.campaign_id where c.ends_at > now()) as remaining`,
      [member.customerId],
    );
    expect(row).toEqual({ awards: '3', remaining: '97' });
  });

  it('40 customers spinning at once through the route against 30 prizes: exactly 30 awarded, 10 told all prizes are claimed', async () => {
    const campaignId = await freshCampaign({ Hat: 12, Marker: 10, Towel: 8 });
    const members = await Promise.all(Array.from({ length: 40 }, () => lineCustomer(1)));
    const responses = await Promise.all(members.map((m) => spin(m.token, { customerId: m.customerId, lineUserId: m.lineUserId })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(30);
    expect(statuses.filter((status) => status === 409)).toHaveLength(10);
    const prizes = await sql<{ remaining: number }>('select remaining from public.lucky_draw_prizes where campaign_id = $1', [campaignId]);
    expect(prizes.map((prize) => prize.remaining)).toEqual([0, 0, 0]);
    const codes = await Promise.all(responses.filter((r) => r.status === 200).map((r) => json<Spun>(r)));
    expect(new Set(codes.map((c) => c.redemptionCode)).size).toBe(30);
  });

  it("a spin locks only the prize it picks: one whose last unit another spin is taking gets the other prize once that spin commits, never less than zero left", async () => {
    // Six rounds: the racing spin picks the prize being taken half of the time, and must then pick again.
    for (let round = 0; round < 6; round++) {
      const campaignId = await freshCampaign({ Cap: 1, Glove: 1 });
      const member = await lineCustomer(1);
      const taker = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await taker.connect();
      try {
        await taker.query('begin');
        await taker.query(`update public.lucky_draw_prizes set remaining = remaining - 1 where campaign_id = $1 and name = 'Cap'`, [campaignId]);
        const racing = spin(member.token, { customerId: member.customerId, lineUserId: member.lineUserId });
        await new Promise((resolve) => setTimeout(resolve, 100));
        await taker.query('commit');
        const response = await racing;
        expect(response.status).toBe(200);
        expect((await json<Spun>(response)).prize).toBe('Glove');
      } finally {
        await taker.end();
      }
      const left = await sql<{ name: string; remaining: number }>('select name, remaining from public.lucky_draw_prizes where campaign_id = $1 order by name', [campaignId]);
      expect(left).toEqual([{ name: 'Cap', remaining: 0 }, { name: 'Glove', remaining: 0 }]);
    }
  });

  it('a spin does not wait for another spin holding a prize it does not pick', async () => {
    // The held prize is one unit of 100,001: the spin picks another one but once in 100,001 runs.
    const campaignId = await freshCampaign({ Cap: 1, Glove: 100_000 });
    const member = await lineCustomer(1);
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`select 1 from public.lucky_draw_prizes where campaign_id = $1 and name = 'Cap' for update`, [campaignId]);
      const response = await spin(member.token, { customerId: member.customerId, lineUserId: member.lineUserId });
      expect(response.status).toBe(200);
      expect((await json<Spun>(response)).prize).toBe('Glove');
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
  });
});

describe('POST /api/lucky-draw/redeem', () => {
  it("needs a staff session; redeems once under the staff account's name; the second time is 400; unknown prize 404", async () => {
    await freshCampaign({ Hat: 3 });
    const member = await lineCustomer(1);
    const won = await json<Spun>(await spin(member.token, { customerId: member.customerId, lineUserId: member.lineUserId }));
    // The spec's body: staffName is still accepted, but the account's display name is what is recorded.
    const request = { prizeId: won.prizeId, staffName: '  Mallory typed this ' };

    const customer = await emailSession(`customer-${randomSuffix()}@example.test`);
    // A guest sign-in that typed the desk's email: the address was never proven.
    const typed = await emailSession(desk.email, { verified: false });
    for (const [headers, status] of [
      [{}, 401],
      [{ Authorization: 'Bearer wrong' }, 401],
      [{ Authorization: `Bearer ${member.token}` }, 401],
      [{ Authorization: `Bearer ${customer.token}` }, 403],
      [{ Authorization: `Bearer ${typed.token}` }, 403],
      [{ 'X-Staff-Pin': '482913' }, 401],
    ] as const) {
      const response = await redeem(request, headers);
      expect(response.status, JSON.stringify(headers)).toBe(status);
      expect(await json(response)).toMatchObject({ code: status === 401 ? 'AUTH_REQUIRED' : 'FORBIDDEN' });
    }
    const first = await redeem(request);
    expect(first.status).toBe(200);
    expect(await json(first)).toEqual({ success: true, message: 'Prize redeemed successfully' });
    const second = await redeem({ ...request, staffName: 'Someone else' });
    expect(second.status).toBe(400);
    expect(await json(second)).toMatchObject({ code: 'PRIZE_ALREADY_REDEEMED', error: 'Prize not found or already redeemed' });
    const unknown = await redeem({ prizeId: '00000000-0000-4000-8000-000000000000', staffName: 'Som' });
    expect(unknown.status).toBe(404);
    expect((await redeem({ prizeId: won.prizeId, staffName: '' })).status).toBe(400);

    const status = await json<CustomerStatus>(await customerStatus(member.token, member.customerId));
    expect(status.prizes[0]).toMatchObject({ is_redeemed: true, redeemed_by_staff_name: 'Som (front desk)', redeemed_at: expect.any(String) });
    expect(JSON.stringify(status)).not.toContain('Mallory');
    const audit = await sql<{ kind: string }>('select kind from public.lucky_draw_audit where award_id = $1 order by id', [won.prizeId]);
    expect(audit.map((row) => row.kind)).toEqual(['spin', 'redemption']);

    // Concurrent redemptions of a fresh prize: exactly one wins.
    const again = await lineCustomer(1);
    const prize = await json<Spun>(await spin(again.token, { customerId: again.customerId, lineUserId: again.lineUserId }));
    const racing = await Promise.all(Array.from({ length: 8 }, () => redeem({ prizeId: prize.prizeId, staffName: 'Som' })));
    expect(racing.map((response) => response.status).sort()).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
  });
});

describe('both redeem paths (by id, by code) after the campaign ends, and racing each other', () => {
  const redeemCode = (code: string) => call(redeemByCodeRoute, 'POST', `/api/staff/prizes/${code}/redeem`, { headers: desk.headers, params: { code } });
  const won = async () => {
    const member = await lineCustomer(1);
    return json<Spun>(await spin(member.token, { customerId: member.customerId, lineUserId: member.lineUserId }));
  };

  it('5 concurrent redeems of one prize over both paths: exactly one wins, the rest 400', async () => {
    await freshCampaign({ Hat: 3 });
    const prize = await won();
    const racing = await Promise.all(Array.from({ length: 5 }, (_, i) => (i % 2 ? redeemCode(prize.redemptionCode) : redeem({ prizeId: prize.prizeId, staffName: 'Som' }))));
    expect(racing.map((response) => response.status).sort()).toEqual([200, 400, 400, 400, 400]);
    for (const loser of racing.filter((response) => response.status === 400)) expect((await json(loser)).code).toBe('PRIZE_ALREADY_REDEEMED');
    expect(await sql('select 1 from public.lucky_draw_redemptions where award_id = $1', [prize.prizeId])).toHaveLength(1);
  });

  it('refuses a prize of an ended campaign with 409 CAMPAIGN_ENDED on both paths; an already redeemed one stays 400', async () => {
    await freshCampaign({ Hat: 3 });
    const [byId, byCode, handedOver] = [await won(), await won(), await won()];
    expect((await redeem({ prizeId: handedOver.prizeId, staffName: 'Som' })).status).toBe(200);
    await sql(`update public.lucky_draw_campaigns set ends_at = greatest(now(), starts_at + interval '1 millisecond') where ends_at > now()`);

    for (const response of [await redeem({ prizeId: byId.prizeId, staffName: 'Som' }), await redeemCode(byCode.redemptionCode)]) {
      expect(response.status).toBe(409);
      expect(await json(response)).toMatchObject({ code: 'CAMPAIGN_ENDED', error: expect.stringContaining('ended'), timestamp: expect.any(String) });
    }
    const again = await redeem({ prizeId: handedOver.prizeId, staffName: 'Som' });
    expect([again.status, (await json(again)).code]).toEqual([400, 'PRIZE_ALREADY_REDEEMED']);
    expect(await sql('select 1 from public.lucky_draw_redemptions where award_id = any($1::uuid[])', [[byId.prizeId, byCode.prizeId]])).toHaveLength(0);
  });
});

describe('GET /api/lucky-draw/campaign-status', () => {
  it("shows the active campaign's totals and breakdown as the spec does, publicly", async () => {
    await freshCampaign({ 'Golf Hat': 40, 'Golf Marker': 35 });
    const member = await lineCustomer(1);
    const won = await json<Spun>(await spin(member.token, { customerId: member.customerId, lineUserId: member.lineUserId }));
    const response = await call(campaignRoute, 'GET', '/api/lucky-draw/campaign-status');
    expect(response.status).toBe(200);
    expect(response.headers.get('X-RateLimit-Limit')).toBe('100');
    const body = await json<{ prizeBreakdown: Array<{ prize_name: string; remaining: number; awarded: number }> }>(response);
    expect(body).toMatchObject({ totalPrizes: 75, prizesRemaining: 74, prizesAwarded: 1, campaignActive: true });
    expect(body.prizeBreakdown.find((prize) => prize.prize_name === won.prize)).toMatchObject({ awarded: 1 });
    expect(body.prizeBreakdown.map((prize) => prize.prize_name)).toEqual(['Golf Hat', 'Golf Marker']);

    await sql(`update public.lucky_draw_campaigns set ends_at = now() where ends_at > now()`);
    expect(await json(await call(campaignRoute, 'GET', '/api/lucky-draw/campaign-status'))).toMatchObject({ campaignActive: false, totalPrizes: 75 });
    const late = await lineCustomer(0);
    expect((await spin(late.token, { customerId: late.customerId, lineUserId: late.lineUserId })).status).toBe(409);
  });
});

describe('the lucky draw tables and functions over the REST API', () => {
  it("give anon and members nothing but the public campaign status: no prizes, codes or draws of anyone, no spin or redeem", async () => {
    await freshCampaign({ Hat: 2 });
    const member = await lineCustomer(1);
    const won = await json<Spun>(await spin(member.token, { customerId: member.customerId, lineUserId: member.lineUserId }));
    const attacker = { role: 'authenticated', sub: await createProfile() };
    for (const [role, claims] of [['anon', { role: 'anon' }], ['authenticated', attacker]] as const) {
      for (const table of ['lucky_draw_awards', 'lucky_draw_prizes', 'lucky_draw_entitlements', 'lucky_draw_transactions', 'lucky_draw_redemptions', 'lucky_draw_audit']) {
        await expect(sqlAs(role, claims, `select * from public.${table}`), table).rejects.toThrow(/permission denied/);
      }
      await expect(sqlAs(role, claims, 'select public.spin_lucky_draw($1, $2)', [member.customerId, member.lineUserId])).rejects.toThrow(/permission denied/);
      await expect(sqlAs(role, claims, `select public.redeem_lucky_draw_prize($1, 'x')`, [won.prizeId])).rejects.toThrow(/permission denied/);
      await expect(sqlAs(role, claims, `select public.record_sales_transaction('X', $1, 9999)`, [member.customerId])).rejects.toThrow(/permission denied/);
      await expect(sqlAs(role, claims, 'select * from public.select_prize_weighted()')).rejects.toThrow(/permission denied/);
      const [status] = await sqlAs<{ s: { campaignActive: boolean } }>(role, claims, 'select public.get_campaign_status() as s');
      expect(status!.s.campaignActive).toBe(true);
    }
  });
});
