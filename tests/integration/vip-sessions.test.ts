import { createHash, randomBytes } from 'node:crypto';
import { formatWithOptions } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as cleanupGet, POST as cleanupRoute } from '@/app/api/cron/cleanup-vip-sessions/route';
import { GET as openApiRoute } from '@/app/api/openapi.json/route';
import { GET as analyticsRoute } from '@/app/api/vip/sessions/analytics/route';
import { POST as createRoute } from '@/app/api/vip/sessions/route';
import { POST as validateRoute } from '@/app/api/vip/sessions/validate/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { closeDatabase } from '@/lib/db';
import { startVipSessionCleanupTimer } from '@/lib/vip-sessions/cleanup-timer';
import { createProfile, randomSuffix } from '../support/factories';
import { call, json, randomIp } from '../support/http';
import { sql, sqlAs } from '../support/sql';
import { createStaffMember } from '../support/staff';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEMO_MESSAGE = 'You are viewing in demo mode. Some features may be limited.';
const INVALID = { success: false, data: { valid: false, message: 'Invalid or expired session token' } };
const isoMs = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface CreatedData {
  session_token: string;
  expires_at: string;
  is_demo: boolean;
  demo_message?: string;
  vip_code?: { id: number; code: string; concierge: { id: number; name: string; hotel_name: string } };
}

/** A concierge with a fresh random code (9 characters, upper case). */
async function createVipCode(options: { active?: boolean } = {}) {
  const [concierge] = await sql<{ id: string }>(
    'insert into public.concierges (name, hotel_name) values ($1, $2) returning id',
    [`Concierge ${randomSuffix()}`, `Hotel ${randomSuffix()}`],
  );
  const code = `T${randomBytes(4).toString('hex').toUpperCase()}`;
  const [row] = await sql<{ id: string }>('insert into public.vip_codes (code, concierge_id, active) values ($1, $2, $3) returning id', [
    code,
    concierge!.id,
    options.active ?? true,
  ]);
  return { code, id: Number(row!.id), conciergeId: Number(concierge!.id) };
}

const createSession = (body: unknown, ip?: string) => call(createRoute, 'POST', '/api/vip/sessions', { body, ip });
const validate = (body: unknown, ip?: string) => call(validateRoute, 'POST', '/api/vip/sessions/validate', { body, ip });

async function openSession(code: string): Promise<{ token: string; id: number; data: CreatedData }> {
  const response = await createSession({ vip_code: code });
  expect(response.status).toBe(200);
  const { data } = await json<{ data: CreatedData }>(response);
  expect(data.is_demo).toBe(false);
  const [row] = await sql<{ id: string }>('select id from public.vip_sessions where token_hash = $1', [sha256(data.session_token)]);
  return { token: data.session_token, id: Number(row!.id), data };
}

/** Moves a session (and its `created` event) `ms` into the past, keeping its 24-hour lifetime. */
async function ageSession(id: number, ms: number) {
  await sql(
    `update public.vip_sessions set created_at = created_at - make_interval(secs => $2::double precision / 1000),
            expires_at = expires_at - make_interval(secs => $2::double precision / 1000) where id = $1`,
    [id, ms],
  );
  await sql(
    `update public.vip_session_events set created_at = created_at - make_interval(secs => $2::double precision / 1000)
     where session_id = $1 and kind = 'created'`,
    [id, ms],
  );
}

describe('POST /api/vip/sessions', () => {
  it("opens a 24-hour session for a valid code: the spec's body, every field", async () => {
    const vip = await createVipCode();
    const response = await createSession({ vip_code: vip.code });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-ratelimit-limit')).toBe('10');
    const body = await json<{ success: boolean; data: CreatedData }>(response);
    const [concierge] = await sql<{ name: string; hotel_name: string }>('select name, hotel_name from public.concierges where id = $1', [vip.conciergeId]);
    expect(body).toEqual({
      success: true,
      data: {
        session_token: expect.stringMatching(/^[0-9a-f]{64}$/),
        expires_at: expect.stringMatching(isoMs),
        is_demo: false,
        vip_code: { id: vip.id, code: vip.code, concierge: { id: vip.conciergeId, name: concierge!.name, hotel_name: concierge!.hotel_name } },
      },
    });
    expect(body.data).not.toHaveProperty('demo_message');

    const [row] = await sql<{ created_at: Date; expires_at: Date; vip_code_id: string; last_seen_at: Date | null; revoked_at: Date | null }>(
      'select created_at, expires_at, vip_code_id, last_seen_at, revoked_at from public.vip_sessions where token_hash = $1',
      [sha256(body.data.session_token)],
    );
    expect(row).toMatchObject({ vip_code_id: String(vip.id), last_seen_at: null, revoked_at: null });
    expect(row!.expires_at.getTime() - row!.created_at.getTime()).toBe(DAY_MS);
    expect(body.data.expires_at).toBe(row!.expires_at.toISOString());
    expect(Math.abs(row!.created_at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('matches the code after trimming, in any case: the seeded MIAMI2024 of the spec', async () => {
    for (const typed of ['MIAMI2024', ' miami2024 ', 'Miami2024']) {
      const response = await createSession({ vip_code: typed });
      expect(response.status).toBe(200);
      const { data } = await json<{ data: CreatedData }>(response);
      expect(data).toMatchObject({
        is_demo: false,
        vip_code: { code: 'MIAMI2024', concierge: { name: 'John Doe', hotel_name: 'Luxury Resort Miami' } },
      });
    }
  });

  it('falls back to a demo session for an unknown or inactive code, and records the fallback', async () => {
    const inactive = await createVipCode({ active: false });
    const unknown = `ZZ${randomBytes(3).toString('hex').toUpperCase()}`;
    for (const code of [unknown, inactive.code]) {
      const before = Math.floor(Date.now() / 1000);
      const response = await createSession({ vip_code: code.toLowerCase() });
      const after = Math.floor(Date.now() / 1000);
      expect(response.status).toBe(200);
      const body = await json<{ success: boolean; data: CreatedData }>(response);
      expect(body).toEqual({
        success: true,
        data: { session_token: expect.stringMatching(/^demo_\d+$/), expires_at: expect.stringMatching(isoMs), is_demo: true, demo_message: DEMO_MESSAGE },
      });
      expect(body.data).not.toHaveProperty('vip_code');
      const issuedAt = Number(body.data.session_token.slice(5));
      expect(issuedAt).toBeGreaterThanOrEqual(before - 5);
      expect(issuedAt).toBeLessThanOrEqual(after + 5);
      expect(body.data.expires_at).toBe(new Date(issuedAt * 1000 + DAY_MS).toISOString());
      const events = await sql('select kind, is_demo, session_id from public.vip_session_events where attempted_code = $1', [code]);
      expect(events).toEqual([{ kind: 'demo_fallback', is_demo: true, session_id: null }]);
    }
    expect(await sql('select id from public.vip_sessions where vip_code_id = $1', [inactive.id])).toEqual([]);
  });

  it("answers the spec's 422 body for a missing, short, long or malformed code", async () => {
    const required = { message: 'The given data was invalid.', errors: { vip_code: ['The vip code field is required.'] } };
    const cases: Array<[unknown, Record<string, string[]>]> = [
      [{}, required.errors],
      [{ vip_code: null }, required.errors],
      [{ vip_code: '' }, required.errors],
      [{ vip_code: '    ' }, required.errors],
      [{ other: 'MIAMI2024' }, required.errors],
      [[], required.errors],
      [{ vip_code: 2024 }, { vip_code: ['The vip code must be a string.'] }],
      [{ vip_code: 'ABC' }, { vip_code: ['The vip code must be at least 4 characters.'] }],
      [{ vip_code: '  ABC  ' }, { vip_code: ['The vip code must be at least 4 characters.'] }],
      [{ vip_code: 'ABCDEFGHIJKLM' }, { vip_code: ['The vip code must not be greater than 12 characters.'] }],
      [{ vip_code: 'MIAMI-2024' }, { vip_code: ['The vip code format is invalid.'] }],
      [{ vip_code: "X' OR 1=1" }, { vip_code: ['The vip code format is invalid.'] }],
      [{ vip_code: 'ab!' }, { vip_code: ['The vip code must be at least 4 characters.', 'The vip code format is invalid.'] }],
      ['{"vip_code":', { body: ['The request body must be valid JSON.'] }],
    ];
    for (const [body, errors] of cases) {
      const response = await createSession(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await json(response), JSON.stringify(body)).toEqual({ message: 'The given data was invalid.', errors });
    }
    // Boundaries: 4 and 12 characters are codes (a demo session when unknown).
    for (const code of ['ABCD', 'ABCDEFGHIJKL', ' abcd ']) {
      expect((await createSession({ vip_code: code })).status, code).toBe(200);
    }
    expect(await sql(`select 1 from public.vip_session_events where attempted_code in ('ABC', 'MIAMI-2024')`)).toEqual([]);
  });

  it('rate-limits code guessing per client at 10 a minute (429 with Retry-After)', async () => {
    const ip = randomIp();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await createSession({ vip_code: `GUESS${i}` }, ip)).status);
    expect(statuses).toEqual(Array(10).fill(200));
    const blocked = await createSession({ vip_code: 'MIAMI2024' }, ip);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(blocked.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await json(blocked)).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', path: '/api/vip/sessions' });
    // Invalid input counts too, and another client is not affected.
    expect((await createSession({}, ip)).status).toBe(429);
    expect((await createSession({ vip_code: 'MIAMI2024' }, randomIp())).status).toBe(200);
  });

  it("answers the spec's 500 body when a session cannot be created, without any detail or token in the log", async () => {
    const vip = await createVipCode();
    const logged: string[] = [];
    const capture = (...args: unknown[]) => void logged.push(formatWithOptions({ depth: 10 }, ...args));
    const spies = (['error', 'warn', 'info', 'log'] as const).map((method) => vi.spyOn(console, method).mockImplementation(capture));
    await sql('alter table public.vip_sessions add constraint vip_sessions_test_refuses check (created_at < timestamptz \'2000-01-01\') not valid');
    try {
      const response = await createSession({ vip_code: vip.code });
      expect(response.status).toBe(500);
      expect(await json(response)).toEqual({ message: 'Unable to create session' });
      expect(response.headers.get('cache-control')).toBe('no-store');
    } finally {
      await sql('alter table public.vip_sessions drop constraint vip_sessions_test_refuses');
      spies.forEach((spy) => spy.mockRestore());
    }
    const log = logged.join('\n');
    expect(log).toMatch(/token sha256 [0-9a-f]{8}…/);
    expect(log).not.toMatch(/[0-9a-f]{64}/);
  });

  it("answers the spec's 500 body when the database is unreachable", async () => {
    const url = process.env.DATABASE_URL!;
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await closeDatabase();
    process.env.DATABASE_URL = 'postgresql://postgres:x@127.0.0.1:1/none';
    try {
      const response = await createSession({ vip_code: 'MIAMI2024' });
      expect(response.status).toBe(500);
      expect(await json(response)).toEqual({ message: 'Unable to create session' });
      const validation = await validate({ session_token: 'a'.repeat(64) });
      expect(validation.status).toBe(500);
      expect(await json(validation)).toEqual({ message: 'Unable to validate session' });
    } finally {
      await closeDatabase();
      process.env.DATABASE_URL = url;
      spy.mockRestore();
    }
  });
});

describe('the database never holds a raw token', () => {
  it('stores only the SHA-256 of the token: no column of any table contains the token', async () => {
    const vip = await createVipCode();
    const { token, id } = await openSession(vip.code);
    expect((await validate({ session_token: token })).status).toBe(200);
    await ageSession(id, DAY_MS + 1000);
    expect((await validate({ session_token: token })).status).toBe(401);

    const [row] = await sql<{ token_hash: string; computed: string }>(
      `select token_hash, encode(extensions.digest($2::text, 'sha256'), 'hex') as computed from public.vip_sessions where id = $1`,
      [id, token],
    );
    expect(row!.token_hash).toBe(row!.computed);
    expect(row!.token_hash).not.toBe(token);

    const tables = await sql<{ name: string }>(
      `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname in ('public', 'app_private') and c.relkind = 'r'`,
    );
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['public.vip_sessions', 'public.vip_session_events']));
    for (const { name } of tables) {
      const [found] = await sql<{ count: string }>(`select count(*) from ${name} t where strpos(t::text, $1) > 0`, [token]);
      expect(Number(found!.count), name).toBe(0);
    }
  });
});

describe('POST /api/vip/sessions/validate', () => {
  it('answers the session, its code and concierge for a valid token (the token in the JSON body), and records it', async () => {
    const vip = await createVipCode();
    const { token, id, data } = await openSession(vip.code);
    const response = await validate({ session_token: token });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-ratelimit-limit')).toBe('60');
    expect(await json(response)).toEqual({
      success: true,
      data: { valid: true, is_demo: false, session: { id, expires_at: data.expires_at }, vip_code: data.vip_code },
    });
    const [row] = await sql<{ last_seen_at: Date | null }>('select last_seen_at from public.vip_sessions where id = $1', [id]);
    expect(row!.last_seen_at).toBeInstanceOf(Date);
    const events = await sql<{ kind: string }>('select kind from public.vip_session_events where session_id = $1 order by id', [id]);
    expect(events.map((event) => event.kind)).toEqual(['created', 'validated']);
  });

  it("answers the spec's 401 body for an unknown or malformed token", async () => {
    for (const token of [randomBytes(32).toString('hex'), 'not-a-token', 'A'.repeat(64), 'demo_', 'demo_abc', `${'a'.repeat(64)} `.repeat(3)]) {
      const response = await validate({ session_token: token });
      expect(response.status, token).toBe(401);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await json(response)).toEqual(INVALID);
    }
  });

  it('a session is valid until 24 hours after its creation, then 401 (the expiry recorded once)', async () => {
    const vip = await createVipCode();
    const { token, id } = await openSession(vip.code);
    await ageSession(id, DAY_MS - 60_000);
    expect((await validate({ session_token: token })).status).toBe(200);
    await ageSession(id, 60_000);
    for (let i = 0; i < 2; i++) {
      const response = await validate({ session_token: token });
      expect(response.status).toBe(401);
      expect(await json(response)).toEqual(INVALID);
    }
    const events = await sql<{ kind: string }>('select kind from public.vip_session_events where session_id = $1 order by id', [id]);
    expect(events.map((event) => event.kind)).toEqual(['created', 'validated', 'expired']);
  });

  it('answers 401 for a revoked session and for a session whose code was deactivated', async () => {
    const vip = await createVipCode();
    const revoked = await openSession(vip.code);
    await sql('update public.vip_sessions set revoked_at = now() where id = $1', [revoked.id]);
    expect(await json(await validate({ session_token: revoked.token }))).toEqual(INVALID);

    const other = await openSession(vip.code);
    expect((await validate({ session_token: other.token })).status).toBe(200);
    await sql('update public.vip_codes set active = false where id = $1', [vip.id]);
    const response = await validate({ session_token: other.token });
    expect(response.status).toBe(401);
    expect(await json(response)).toEqual(INVALID);
  });

  it('a demo token validates as a demo within its own 24 hours, carrying no code or session', async () => {
    const created = await json<{ data: CreatedData }>(await createSession({ vip_code: 'NOSUCHCODE' }));
    const response = await validate({ session_token: created.data.session_token });
    expect(response.status).toBe(200);
    const body = await json<{ data: Record<string, unknown> }>(response);
    expect(body).toEqual({
      success: true,
      data: { valid: true, is_demo: true, session: { id: null, expires_at: created.data.expires_at }, demo_message: DEMO_MESSAGE },
    });
    expect(body.data).not.toHaveProperty('vip_code');

    const now = Math.floor(Date.now() / 1000);
    expect((await validate({ session_token: `demo_${now - 24 * 3600 + 120}` })).status).toBe(200);
    for (const token of [`demo_${now - 24 * 3600 - 1}`, `demo_${now - 30 * 24 * 3600}`, `demo_${now + 3600}`, 'demo_99999999999']) {
      const expired = await validate({ session_token: token });
      expect(expired.status, token).toBe(401);
      expect(await json(expired)).toEqual(INVALID);
    }
  });

  it("answers the spec's 422 body when the token is missing or not a string", async () => {
    for (const [body, message] of [
      [{}, 'The session token field is required.'],
      [{ session_token: '' }, 'The session token field is required.'],
      [{ session_token: null }, 'The session token field is required.'],
      [{ session_token: 42 }, 'The session token must be a string.'],
    ] as const) {
      const response = await validate(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(await json(response)).toEqual({ message: 'The given data was invalid.', errors: { session_token: [message] } });
    }
    // The token is read from the body only, never from the query string or a header.
    const vip = await createVipCode();
    const { token } = await openSession(vip.code);
    const inQuery = await call(validateRoute, 'POST', `/api/vip/sessions/validate?session_token=${token}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(inQuery.status).toBe(422);
  });

  it("answers the spec's 500 body when validation fails unexpectedly, logging at most a hash prefix", async () => {
    const vip = await createVipCode();
    const { token } = await openSession(vip.code);
    const logged: string[] = [];
    const capture = (...args: unknown[]) => void logged.push(formatWithOptions({ depth: 10 }, ...args));
    const spies = (['error', 'warn', 'info', 'log'] as const).map((method) => vi.spyOn(console, method).mockImplementation(capture));
    await sql(`alter table public.vip_session_events add constraint vip_session_events_test_refuses check (kind <> 'validated') not valid`);
    try {
      const response = await validate({ session_token: token });
      expect(response.status).toBe(500);
      expect(await json(response)).toEqual({ message: 'Unable to validate session' });
    } finally {
      await sql('alter table public.vip_session_events drop constraint vip_session_events_test_refuses');
      spies.forEach((spy) => spy.mockRestore());
    }
    const log = logged.join('\n');
    expect(log).toContain(`token sha256 ${sha256(token).slice(0, 8)}…`);
    expect(log).not.toContain(token);
    expect(log).not.toContain(sha256(token));
  });
});

describe('GET /api/vip/sessions/analytics', () => {
  it('answers 401 without sign-in and 403 to a member who is not staff (the envelope)', async () => {
    const anonymous = await call(analyticsRoute, 'GET', '/api/vip/sessions/analytics');
    expect(anonymous.status).toBe(401);
    expect(await json(anonymous)).toMatchObject({ code: 'AUTH_REQUIRED', path: '/api/vip/sessions/analytics' });

    const token = await issueSessionToken(await createProfile());
    const member = await call(analyticsRoute, 'GET', '/api/vip/sessions/analytics', { headers: { Authorization: `Bearer ${token}` } });
    expect(member.status).toBe(403);
    expect(await json(member)).toEqual({
      error: 'Only venue staff may do this',
      code: 'FORBIDDEN',
      timestamp: expect.any(String),
      path: '/api/vip/sessions/analytics',
    });
  });

  it('counts a seeded history exactly for staff and admins, before and after the cleanup', async () => {
    await sql('delete from public.vip_session_events');
    await sql('delete from public.vip_sessions');
    const vip = await createVipCode();
    const hour = 60 * 60 * 1000;
    const activeA = await openSession(vip.code);
    const activeB = await openSession(vip.code);
    await ageSession(activeB.id, 23 * hour); // one hour left
    const revoked = await openSession(vip.code);
    await sql('update public.vip_sessions set revoked_at = now() where id = $1', [revoked.id]);
    const twoDaysOld = await openSession(vip.code);
    await ageSession(twoDaysOld.id, 2 * DAY_MS);
    const tenDaysOld = await openSession(vip.code);
    await ageSession(tenDaysOld.id, 10 * DAY_MS);
    const fortyDaysOld = await openSession(vip.code);
    await ageSession(fortyDaysOld.id, 40 * DAY_MS);
    // Demo fallbacks and validations are not sessions.
    await createSession({ vip_code: 'NOTACODE1' });
    await createSession({ vip_code: 'NOTACODE2' });
    await validate({ session_token: activeA.token });
    expect(activeA.id).toBeGreaterThan(0);

    const expected = {
      success: true,
      data: {
        total_sessions: 6,
        active_sessions: 2,
        expired_sessions: 4,
        session_creation_rate: { last_24h: 3, last_7d: 4, last_30d: 5 },
      },
    };
    // Staff only (the spec says any member: README, API notes).
    const staff = await createStaffMember('staff');
    const admin = await createStaffMember('admin');
    for (const { headers } of [staff, admin]) {
      const response = await call(analyticsRoute, 'GET', '/api/vip/sessions/analytics', { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await json(response)).toEqual(expected);
    }

    // The cleanup removes the three expired sessions; the history (and the counts) stay.
    process.env.CRON_SECRET = 'cron-secret-for-tests-0123456789';
    try {
      const cleanup = await call(cleanupRoute, 'POST', '/api/cron/cleanup-vip-sessions', { headers: { Authorization: `Bearer ${process.env.CRON_SECRET}` } });
      expect(await json(cleanup)).toEqual({ removed: 3 });
    } finally {
      delete process.env.CRON_SECRET;
    }
    const after = await call(analyticsRoute, 'GET', '/api/vip/sessions/analytics', { headers: staff.headers });
    expect(await json(after)).toEqual(expected);
  });

  it('a member calling the SQL function directly is refused as well', async () => {
    const member = await createProfile();
    await expect(sqlAs('authenticated', { role: 'authenticated', sub: member }, 'select public.vip_session_analytics()')).rejects.toMatchObject({
      code: 'PT403',
      message: 'FORBIDDEN',
    });
    await expect(sqlAs('anon', { role: 'anon' }, 'select public.vip_session_analytics()')).rejects.toMatchObject({ code: '42501' });
  });
});

describe('GET|POST /api/cron/cleanup-vip-sessions', () => {
  const secret = 'cron-secret-for-tests-0123456789';
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.CRON_SECRET;
    process.env.CRON_SECRET = secret;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.CRON_SECRET;
    else process.env.CRON_SECRET = saved;
  });

  it('refuses callers without the cron secret with 401, a member session too (a cron route tests only the cron secret)', async () => {
    const member = await issueSessionToken(await createProfile());
    for (const [handler, method] of [
      [cleanupRoute, 'POST'],
      [cleanupGet, 'GET'],
    ] as const) {
      const response = await call(handler, method, '/api/cron/cleanup-vip-sessions', { headers: { Authorization: `Bearer ${member}` } });
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ code: 'AUTH_REQUIRED' });
    }
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: secret }] as Record<string, string>[]) {
      for (const [handler, method] of [
        [cleanupRoute, 'POST'],
        [cleanupGet, 'GET'],
      ] as const) {
        const response = await call(handler, method, '/api/cron/cleanup-vip-sessions', { headers });
        expect(response.status).toBe(401);
        expect(await json(response)).toMatchObject({ code: 'AUTH_REQUIRED' });
      }
    }
    delete process.env.CRON_SECRET;
    expect((await call(cleanupRoute, 'POST', '/api/cron/cleanup-vip-sessions', { headers: { Authorization: 'Bearer ' } })).status).toBe(401);
  });

  it('removes only expired sessions and records how many', async () => {
    const headers = { Authorization: `Bearer ${secret}` };
    await call(cleanupRoute, 'POST', '/api/cron/cleanup-vip-sessions', { headers }); // what earlier tests left
    const vip = await createVipCode();
    const justExpired = await openSession(vip.code);
    await ageSession(justExpired.id, DAY_MS + 1000);
    const longExpired = await openSession(vip.code);
    await ageSession(longExpired.id, 5 * DAY_MS);
    const almostExpired = await openSession(vip.code);
    await ageSession(almostExpired.id, DAY_MS - 60_000);
    const revoked = await openSession(vip.code);
    await sql('update public.vip_sessions set revoked_at = now() where id = $1', [revoked.id]);
    const [{ last } = { last: '0' }] = await sql<{ last: string }>('select coalesce(max(id), 0) as last from public.vip_session_events');

    const response = await call(cleanupRoute, 'POST', '/api/cron/cleanup-vip-sessions', { headers });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ removed: 2 });
    const left = await sql<{ id: string }>('select id from public.vip_sessions where id = any($1::bigint[]) order by id', [
      [justExpired.id, longExpired.id, almostExpired.id, revoked.id],
    ]);
    expect(left.map((row) => Number(row.id))).toEqual([almostExpired.id, revoked.id]);
    expect((await validate({ session_token: almostExpired.token })).status).toBe(200);
    const events = await sql('select kind, removed_count from public.vip_session_events where id > $1 and kind = $2', [last, 'cleaned_up']);
    expect(events).toEqual([{ kind: 'cleaned_up', removed_count: 2 }]);

    // Nothing left to remove: 0, and no event for an idle run.
    const again = await call(cleanupGet, 'GET', '/api/cron/cleanup-vip-sessions', { headers });
    expect(await json(again)).toEqual({ removed: 0 });
    expect(await sql(`select 1 from public.vip_session_events where id > $1 and kind = 'cleaned_up'`, [last])).toHaveLength(1);
  });

  it('also runs from the in-process timer', async () => {
    const vip = await createVipCode();
    const expired = await openSession(vip.code);
    await ageSession(expired.id, DAY_MS + 1000);
    process.env.VIP_SESSION_CLEANUP_SECONDS = '0.05';
    const stop = startVipSessionCleanupTimer();
    try {
      await vi.waitFor(async () => expect(await sql('select id from public.vip_sessions where id = $1', [expired.id])).toEqual([]), { timeout: 5000, interval: 50 });
    } finally {
      stop();
      delete process.env.VIP_SESSION_CLEANUP_SECONDS;
    }
  });
});

describe('the VIP session tables and functions, attacked as a PostgREST client would', () => {
  it('anon and members can neither read the tables nor call the service functions', async () => {
    const member = { role: 'authenticated', sub: await createProfile() };
    const attacks = [
      'select * from public.vip_codes',
      'select * from public.concierges',
      'select * from public.vip_sessions',
      'select * from public.vip_session_events',
      `insert into public.vip_codes (code, concierge_id) select 'HACKED1', id from public.concierges limit 1`,
      `insert into public.staff_members (email, role, display_name) values ('me@example.test', 'admin', 'Me')`,
      `select public.create_vip_session('MIAMI2024', '${'a'.repeat(64)}')`,
      `select public.validate_vip_session('${'a'.repeat(64)}')`,
      'select public.validate_demo_vip_session(1)',
      'select public.cleanup_expired_vip_sessions()',
      'select app_private.vip_code_json(1)',
    ];
    for (const statement of attacks) {
      await expect(sqlAs('anon', { role: 'anon' }, statement), statement).rejects.toMatchObject({ code: '42501' });
      await expect(sqlAs('authenticated', member, statement), statement).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('stores codes normalised: lower case or padded codes are refused by the table itself', async () => {
    const [concierge] = await sql<{ id: string }>(`insert into public.concierges (name, hotel_name) values ('N', 'H') returning id`);
    for (const code of ['miami2025', ' MIAMI2025', 'AB', 'ABCDEFGHIJKLM', 'MIAMI-2025']) {
      await expect(sql('insert into public.vip_codes (code, concierge_id) values ($1, $2)', [code, concierge!.id]), code).rejects.toMatchObject({ code: '23514' });
    }
  });
});

describe('GET /api/openapi.json', () => {
  it("documents the VIP session routes with the spec's own 401, 422 and 500 bodies", async () => {
    const document = (await (await openApiRoute()).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> }; responses: Record<string, { content: Record<string, { schema: Record<string, unknown> }> }> }>>;
    };
    const create = document.paths['/api/vip/sessions']!.post!;
    expect(Object.keys(create.requestBody!.content['application/json']!.schema.properties)).toEqual(['vip_code']);
    const specStatuses = ['200', '422', '429', '500'];
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(specStatuses));
    // The others are the route wrapper's refusals of a cross-site, slow, large or non-JSON write, in the envelope.
    for (const status of Object.keys(create.responses).filter((status) => !specStatuses.includes(status))) {
      expect(JSON.stringify(create.responses[status]), status).toMatch(/CROSS_SITE_REQUEST|REQUEST_TIMEOUT|PAYLOAD_TOO_LARGE|UNSUPPORTED_MEDIA_TYPE/);
    }
    expect(JSON.stringify(create.responses['422'])).toContain('errors');
    expect(JSON.stringify(create.responses['500'])).toContain('Unable to create session');
    const check = document.paths['/api/vip/sessions/validate']!.post!;
    expect(JSON.stringify(check.responses['401'])).toContain('Invalid or expired session token');
    expect(Object.keys(document.paths['/api/vip/sessions/analytics']!)).toEqual(['get']);
    expect(Object.keys(document.paths['/api/cron/cleanup-vip-sessions']!).sort()).toEqual(['get', 'post']);
  });
});
