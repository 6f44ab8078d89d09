import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE as removeRoute, PATCH as changeRoute } from '@/app/api/staff/members/[memberId]/route';
import { GET as listRoute, POST as inviteRoute } from '@/app/api/staff/members/route';
import { GET as auditRoute } from '@/app/api/staff/audit/route';
import { GET as meRoute } from '@/app/api/staff/me/route';
import { GET as findPrizeRoute } from '@/app/api/staff/prizes/[code]/route';
import { POST as redeemByCodeRoute } from '@/app/api/staff/prizes/[code]/redeem/route';
import { POST as spinRoute } from '@/app/api/liff/spin/route';
import { GET as analyticsRoute } from '@/app/api/vip/sessions/analytics/route';
import { contracts } from '@/lib/api/contracts';
import { serviceCaller } from '@/lib/db';
import { functionCall, oneRoundTrip, resultOf } from '@/lib/db/pg-transport';
import type { RouteContract } from '@/lib/http/contract';
import { randomSuffix } from '../support/factories';
import { call, json } from '../support/http';
import { freshCampaign, lineCustomer, lineToken, lineUserIdOf, TEST_CHANNEL_ID, TEST_CHANNEL_SECRET } from '../support/lucky-draw';
import { resetRateLimits } from '../support/rate-limits';
import { sql, sqlAs } from '../support/sql';
import { createStaffMember, emailSession, staffEmail, type StaffFixture } from '../support/staff';

/**
 * Staff accounts (issue #16): rights come only from a VERIFIED sign-in email matched to an
 * active staff record, read on every request. Every staff and admin route, found from the
 * route contracts, is attacked with each credential that must not pass.
 */

type Handler = (request: Request, context?: { params?: Record<string, string> }) => Promise<Response>;
interface GuardedRoute {
  key: string;
  auth: 'staff' | 'admin';
  handler: Handler;
  url: string;
  params: Record<string, string>;
}

const ADMIN_API_KEY = `admin-${randomSuffix()}-${randomSuffix()}`;
const saved = { ...process.env };
let routes: GuardedRoute[];
let admin: StaffFixture;
let staff: StaffFixture;

beforeAll(async () => {
  Object.assign(process.env, { ADMIN_API_KEY, LINE_LIFF_CHANNEL_ID: TEST_CHANNEL_ID, LINE_LIFF_CHANNEL_SECRET: TEST_CHANNEL_SECRET });
  admin = await createStaffMember('admin', 'Nok (admin)');
  staff = await createStaffMember('staff', 'Som (desk)');
  routes = [];
  for (const contract of contracts.filter((c): c is RouteContract & { auth: 'staff' | 'admin' } => c.auth === 'staff' || c.auth === 'admin')) {
    const params = Object.fromEntries([...contract.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, crypto.randomUUID()]));
    const url = contract.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
    const file = path.resolve(__dirname, '../../app', `.${contract.path.replace(/\{(\w+)\}/g, '[$1]')}`, 'route.ts');
    const handler = ((await import(file)) as Record<string, Handler>)[contract.method];
    if (!handler) throw new Error(`${file} exports no ${contract.method}`);
    routes.push({ key: `${contract.method} ${contract.path}`, auth: contract.auth, handler, url, params });
  }
});

afterAll(() => {
  for (const name of ['ADMIN_API_KEY', 'LINE_LIFF_CHANNEL_ID', 'LINE_LIFF_CHANNEL_SECRET', 'STAFF_ADMIN_EMAILS']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const send = (route: GuardedRoute, headers: Record<string, string>) => call(route.handler, route.key.split(' ')[0]!, route.url, { headers, params: route.params });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const me = (headers: Record<string, string>) => call(meRoute, 'GET', '/api/staff/me', { headers });
const invite = (headers: Record<string, string>, body: unknown) => call(inviteRoute, 'POST', '/api/staff/members', { headers, body });
const change = (headers: Record<string, string>, memberId: string, body: unknown) =>
  call(changeRoute, 'PATCH', `/api/staff/members/${memberId}`, { headers, body, params: { memberId } });
const remove = (headers: Record<string, string>, memberId: string) => call(removeRoute, 'DELETE', `/api/staff/members/${memberId}`, { headers, params: { memberId } });
const auditOf = (memberId: string) =>
  sql<{ action: string; actor_email: string | null; before: { role: string } | null; after: { role: string; removedAt: string | null } | null }>(
    'select action, actor_email, before, after from public.staff_audit where staff_member_id = $1 order by id',
    [memberId],
  );

describe('every staff and admin route, from the route contracts', () => {
  it('refuses a customer session, a guest sign-in that typed a staff email, a LINE token and no credential', async () => {
    expect(routes.filter((r) => r.auth === 'staff').map((r) => r.key)).toEqual(
      expect.arrayContaining(['POST /api/lucky-draw/redeem', 'GET /api/vip/sessions/analytics', 'GET /api/staff/me']),
    );
    expect(routes.filter((r) => r.auth === 'admin').length).toBeGreaterThanOrEqual(7);
    const customer = await emailSession(`customer-${randomSuffix()}@example.test`);
    // The guest provider lets anyone type any email: the admin's, here. It never proves it.
    const typedAdmin = await emailSession(admin.email, { verified: false });
    const typedStaff = await emailSession(staff.email, { verified: false });
    const refused: Array<[string, Record<string, string>, number]> = [
      ['no credential', {}, 401],
      ['a made-up Bearer', { Authorization: 'Bearer not-a-session' }, 401],
      ['a LINE ID token', bearer(await lineToken(lineUserIdOf())), 401],
      ['the retired staff PIN header', { 'X-Staff-Pin': '482913' }, 401],
      ['a customer session', bearer(customer.token), 403],
      ['a customer session cookie', { Cookie: `next-auth.session-token=${customer.token}` }, 403],
      ["a guest sign-in that typed the admin's email", bearer(typedAdmin.token), 403],
      ["a guest sign-in that typed a staff member's email", bearer(typedStaff.token), 403],
    ];
    for (const route of routes) {
      await resetRateLimits();
      for (const [name, headers, status] of refused) {
        const response = await send(route, headers);
        const body = await json(response);
        expect(response.status, `${route.key} with ${name}: ${JSON.stringify(body)}`).toBe(status);
        expect(body).toEqual({ error: expect.any(String), code: status === 401 ? 'AUTH_REQUIRED' : 'FORBIDDEN', timestamp: expect.any(String), path: route.url });
      }
    }
  });

  it('lets a staff session through the staff routes but not the admin ones; an admin through both', async () => {
    for (const route of routes) {
      await resetRateLimits();
      const asStaff = await send(route, staff.headers);
      const asAdmin = await send(route, admin.headers);
      const staffBody = asStaff.status >= 400 ? await json(asStaff) : {};
      // Whatever the route answers its own caller without input (400, an unknown id 404, ...), it is not 401 or 403.
      expect([401, 403], `${route.key} as admin: ${asAdmin.status}`).not.toContain(asAdmin.status);
      if (route.auth === 'staff') expect([401, 403], `${route.key} as staff: ${JSON.stringify(staffBody)}`).not.toContain(asStaff.status);
      else expect(asStaff.status, `${route.key} as staff`).toBe(403);
    }
    expect(await json(await me(staff.headers))).toMatchObject({ member: { email: staff.email, role: 'staff', displayName: 'Som (desk)' } });
    const analytics = await call(analyticsRoute, 'GET', '/api/vip/sessions/analytics', { headers: staff.headers });
    expect(analytics.status).toBe(200);
  });

  it('the admin API key reaches the admin tools but never changes staff accounts (the audit must name a person)', async () => {
    const key = { Authorization: `Bearer ${ADMIN_API_KEY}` };
    const response = await invite(key, { email: staffEmail(), role: 'staff', displayName: 'Key' });
    expect(response.status).toBe(403);
    expect((await json(response)).code).toBe('FORBIDDEN');
    expect((await call(listRoute, 'GET', '/api/staff/members', { headers: key })).status).toBe(403);
  });
});

describe('admins manage staff accounts, every change audited', () => {
  it('invite, set role, rename, remove: the removed account loses its rights on its very next request', async () => {
    const email = staffEmail('new');
    const invited = await invite(admin.headers, { email: `  ${email.toUpperCase()} `, role: 'staff', displayName: ' Ploy ' });
    expect(invited.status).toBe(201);
    const { member } = await json<{ member: { id: string; email: string; role: string; displayName: string; invitedBy: string } }>(invited);
    expect(member).toMatchObject({ email, role: 'staff', displayName: 'Ploy', invitedBy: admin.email });
    // Unique whatever the case.
    const again = await invite(admin.headers, { email: email.toUpperCase(), role: 'admin', displayName: 'Ploy again' });
    expect(again.status).toBe(409);
    expect((await json(again)).code).toBe('STAFF_MEMBER_EXISTS');

    // The invited person signs in (their email proven) and is staff from the first request.
    const ploy = await emailSession(email, { name: 'Ploy P.' });
    expect((await me(bearer(ploy.token))).status).toBe(200);
    expect((await call(listRoute, 'GET', '/api/staff/members', { headers: bearer(ploy.token) })).status).toBe(403);

    expect((await change(admin.headers, member.id, { role: 'admin' })).status).toBe(200);
    const list = await json<{ members: Array<{ email: string; role: string }> }>(await call(listRoute, 'GET', '/api/staff/members', { headers: bearer(ploy.token) }));
    expect(list.members).toContainEqual(expect.objectContaining({ email, role: 'admin' }));
    expect((await change(admin.headers, member.id, { role: 'staff', displayName: 'Ploy (bar)' })).status).toBe(200);
    // An empty change changes (and audits) nothing; a bad one is refused.
    expect((await change(admin.headers, member.id, {})).status).toBe(200);
    expect((await change(admin.headers, member.id, { role: 'owner' })).status).toBe(400);

    const removed = await remove(admin.headers, member.id);
    expect(removed.status).toBe(200);
    expect((await json<{ member: { removedAt: string | null } }>(removed)).member.removedAt).toEqual(expect.any(String));
    // Same token, not expired: refused at once.
    const after = await me(bearer(ploy.token));
    expect(after.status).toBe(403);
    expect((await remove(admin.headers, member.id)).status).toBe(404);
    expect((await change(admin.headers, member.id, { role: 'admin' })).status).toBe(404);

    const audit = await auditOf(member.id);
    expect(audit.map((row) => [row.action, row.actor_email])).toEqual([
      ['invited', admin.email],
      ['changed', admin.email],
      ['changed', admin.email],
      ['removed', admin.email],
    ]);
    expect(audit[0]).toMatchObject({ before: null, after: { role: 'staff' } });
    expect(audit[1]).toMatchObject({ before: { role: 'staff' }, after: { role: 'admin' } });
    expect(audit[3]).toMatchObject({ before: { removedAt: null }, after: { removedAt: expect.any(String) } });
    const listed = await json<{ entries: Array<{ action: string; memberEmail: string; actorEmail: string | null }> }>(
      await call(auditRoute, 'GET', '/api/staff/audit?limit=200', { headers: admin.headers }),
    );
    expect(listed.entries.filter((entry) => entry.memberEmail === email).map((entry) => entry.action)).toEqual(['removed', 'changed', 'changed', 'invited']);

    // Invited again later: a new account, the old history kept.
    expect((await invite(admin.headers, { email, role: 'staff', displayName: 'Ploy' })).status).toBe(201);
    expect((await me(bearer(ploy.token))).status).toBe(200);
  });

  it('refuses to demote or remove the last admin, also when two admins demote or remove each other at once', async () => {
    const activeAdmins = async () => (await sql<{ id: string }>(`select id from public.staff_members where role = 'admin' and removed_at is null`)).map((r) => r.id);
    // Exactly two admins: this file's admin and a second one (any other admin is made staff first).
    const leaveTwo = async () => {
      const second = await createStaffMember('admin', 'Second admin');
      await sql(`update public.staff_members set role = 'staff' where role = 'admin' and removed_at is null and id not in ($1, $2)`, [admin.memberId, second.memberId]);
      return second;
    };
    for (const [name, act] of [
      ['demote', (by: StaffFixture, of: StaffFixture) => change(by.headers, of.memberId, { role: 'staff' })],
      ['remove', (by: StaffFixture, of: StaffFixture) => remove(by.headers, of.memberId)],
    ] as const) {
      const second = await leaveTwo();
      const [a, b] = await Promise.all([act(admin, second), act(second, admin)]);
      // One wins; the other finds itself no longer admin (403, decided by the app or, under the race, by SQL) or the last one (409).
      const statuses = [a.status, b.status].sort();
      expect([[200, 403], [200, 409]], `${name}: ${statuses}`).toContainEqual(statuses);
      expect(await activeAdmins(), name).toHaveLength(1);
      const [survivorId] = await activeAdmins();
      const survivor = survivorId === admin.memberId ? admin : second;
      for (const response of [await remove(survivor.headers, survivor.memberId), await change(survivor.headers, survivor.memberId, { role: 'staff' })]) {
        expect(response.status).toBe(409);
        expect((await json(response)).code).toBe('LAST_ADMIN');
      }
      // This file's admin is the admin again for what follows.
      if (survivor !== admin) {
        if (name === 'remove') admin = await createStaffMember('admin', 'Nok (admin)');
        else await sql(`update public.staff_members set role = 'admin' where id = $1`, [admin.memberId]);
      }
    }
  });

  it('validates what it stores', async () => {
    for (const body of [
      { email: 'not-an-email', role: 'staff', displayName: 'X' },
      { email: staffEmail(), role: 'owner', displayName: 'X' },
      { email: staffEmail(), role: 'staff', displayName: '' },
      { email: staffEmail(), role: 'staff', displayName: 'x'.repeat(81) },
    ]) {
      const response = await invite(admin.headers, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await json(response)).code).toBe('VALIDATION_ERROR');
    }
  });
});

describe('the first admins: STAFF_ADMIN_EMAILS', () => {
  it('a verified sign-in of a listed email is an admin from its first request (audited once); a typed one never', async () => {
    const first = staffEmail('owner');
    process.env.STAFF_ADMIN_EMAILS = ` someone@else.example , ${first.toUpperCase()} `;
    try {
      const typed = await emailSession(first, { verified: false });
      expect((await me(bearer(typed.token))).status).toBe(403);
      expect(await sql('select 1 from public.staff_members where email = $1', [first])).toHaveLength(0);

      const owner = await emailSession(first, { name: 'Owner' });
      const answers = await Promise.all([me(bearer(owner.token)), me(bearer(owner.token)), me(bearer(owner.token))]);
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(await json(answers[0]!)).toMatchObject({ member: { email: first, role: 'admin', displayName: 'Owner', invitedBy: null } });
      const [row] = await sql<{ id: string }>('select id from public.staff_members where email = $1', [first]);
      expect((await auditOf(row!.id)).map((r) => [r.action, r.actor_email])).toEqual([['bootstrapped', null]]);

      // Removed by another admin, it stays removed though still listed.
      expect((await remove(admin.headers, row!.id)).status).toBe(200);
      expect((await me(bearer(owner.token))).status).toBe(403);
      expect(await sql('select 1 from public.staff_members where email = $1 and removed_at is null', [first])).toHaveLength(0);
    } finally {
      delete process.env.STAFF_ADMIN_EMAILS;
    }
  });
  it('concurrent first sign-ins of a listed email all get the one admin account', async () => {
    // Straight to the database, each on its own connection: one that looked before another's
    // account committed, and checked again after, must still find it.
    const clients = await Promise.all(Array.from({ length: 8 }, async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      return client;
    }));
    try {
      for (let round = 0; round < 10; round++) {
        const email = staffEmail('first');
        const answers = await Promise.all(clients.map((client) => {
          const { sql: callSql, values } = functionCall('resolve_staff_member', { p_email: email, p_display_name: 'First', p_bootstrap_admin: true });
          return client.query(oneRoundTrip(callSql, values, serviceCaller)).then((results) => resultOf(results) as { member: { id: string } | null });
        }));
        const ids = answers.map((answer) => answer.member?.id ?? null);
        const rows = await sql<{ id: string }>('select id from public.staff_members where email = $1', [email]);
        expect(rows).toHaveLength(1);
        expect(ids).toEqual(Array(8).fill(rows[0]!.id));
        expect(await auditOf(rows[0]!.id)).toHaveLength(1);
      }
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });
});

describe('the staff tables and functions, attacked as a PostgREST client would', () => {
  it('members and anon cannot read or write the tables, nor call the admin functions without a staff claim', async () => {
    const member = { role: 'authenticated', sub: (await emailSession(staffEmail())).profileId };
    for (const statement of [
      'select * from public.staff_members',
      'select * from public.staff_audit',
      `insert into public.staff_members (email, role, display_name) values ('x@y.z', 'admin', 'x')`,
      `select public.resolve_staff_member('${admin.email}', 'x', true)`,
    ]) {
      await expect(sqlAs('anon', { role: 'anon' }, statement), statement).rejects.toMatchObject({ code: '42501' });
      await expect(sqlAs('authenticated', member, statement), statement).rejects.toMatchObject({ code: '42501' });
    }
    // Executable by members (the app calls them so), but without an admin's verified email claim: 403.
    for (const claims of [member, { ...member, email: admin.email }, { ...member, verified_email: staff.email }]) {
      await expect(sqlAs('authenticated', claims, `select public.invite_staff_member('m@x.y', 'admin', 'M')`)).rejects.toMatchObject({ code: 'PT403' });
      await expect(sqlAs('authenticated', claims, 'select public.list_staff_members()')).rejects.toMatchObject({ code: 'PT403' });
    }
  });

  it('the audit is append-only, even for the table owner', async () => {
    await expect(sql('update public.staff_audit set actor_email = $1', ['forged@x.y'])).rejects.toMatchObject({ code: 'PT403' });
    await expect(sql('delete from public.staff_audit')).rejects.toMatchObject({ code: 'PT403' });
    await expect(sql('truncate public.staff_audit')).rejects.toMatchObject({ code: 'PT403' });
  });
});

describe("the front desk redeems a prize by its code, from the staff member's own session", () => {
  const find = (headers: Record<string, string>, code: string) => call(findPrizeRoute, 'GET', `/api/staff/prizes/${code}`, { headers, params: { code } });
  const redeemCode = (headers: Record<string, string>, code: string) => call(redeemByCodeRoute, 'POST', `/api/staff/prizes/${code}/redeem`, { headers, params: { code } });
  async function wonCode(): Promise<string> {
    const winner = await lineCustomer(1);
    const spun = await call(spinRoute, 'POST', '/api/liff/spin', {
      body: { customerId: winner.customerId, lineUserId: winner.lineUserId },
      headers: bearer(winner.token),
    });
    expect(spun.status).toBe(200);
    return (await json<{ redemptionCode: string }>(spun)).redemptionCode;
  }

  it('shows the prize, redeems it once under the account name (also under a race), refuses unknown and bad codes', async () => {
    await freshCampaign({ Cap: 5 });
    const code = await wonCode();
    const customer = await emailSession(`customer-${randomSuffix()}@example.test`);
    // Not staff: the customer's own session, a typed staff email.
    for (const headers of [bearer(customer.token), bearer((await emailSession(staff.email, { verified: false })).token)]) {
      expect((await find(headers, code)).status).toBe(403);
      expect((await redeemCode(headers, code)).status).toBe(403);
    }
    const found = await find(staff.headers, code.toLowerCase());
    expect(found.status).toBe(200);
    expect(await json(found)).toMatchObject({ prize: { prizeName: 'Cap', redemptionCode: code, isRedeemed: false, campaignEnded: false, redeemedByStaffName: null } });

    const racing = await Promise.all(Array.from({ length: 6 }, (_, i) => redeemCode(i % 2 ? staff.headers : admin.headers, code)));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400, 400]);
    const winner = racing.find((r) => r.status === 200)!;
    const { prize } = await json<{ prize: { isRedeemed: boolean; redeemedByStaffName: string } }>(winner);
    expect(prize.isRedeemed).toBe(true);
    expect(['Som (desk)', 'Nok (admin)']).toContain(prize.redeemedByStaffName);
    const losers = racing.filter((r) => r.status === 400);
    for (const loser of losers) expect((await json(loser)).code).toBe('PRIZE_ALREADY_REDEEMED');
    expect(await sql('select 1 from public.lucky_draw_redemptions r join public.lucky_draw_awards a on a.id = r.award_id where a.redemption_code = $1', [code])).toHaveLength(1);
    const audit = await sql<{ kind: string }>("select kind from public.lucky_draw_audit a join public.lucky_draw_awards w on w.id = a.award_id where w.redemption_code = $1 order by a.id", [code]);
    expect(audit.map((row) => row.kind)).toEqual(['spin', 'redemption']);

    expect((await find(staff.headers, 'LG22222222')).status).toBe(404);
    const bad = await find(staff.headers, 'not-a-code');
    expect([bad.status, (await json(bad)).code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('refuses a code from an ended campaign, and removed staff at once', async () => {
    await freshCampaign({ Towel: 5 });
    const code = await wonCode();
    const leaving = await createStaffMember('staff');
    expect((await find(leaving.headers, code)).status).toBe(200);
    await sql(`update public.lucky_draw_campaigns set ends_at = greatest(now(), starts_at + interval '1 millisecond') where ends_at > now()`);
    expect(await json(await find(leaving.headers, code))).toMatchObject({ prize: { campaignEnded: true, isRedeemed: false } });
    const ended = await redeemCode(leaving.headers, code);
    expect([ended.status, (await json(ended)).code]).toEqual([409, 'CAMPAIGN_ENDED']);

    expect((await remove(admin.headers, leaving.memberId)).status).toBe(200);
    expect((await find(leaving.headers, code)).status).toBe(403);
  });
});
