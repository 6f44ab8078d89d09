import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonCaller, memberCaller, serviceCaller } from '@/lib/db';
import { DbError } from '@/lib/db/errors';
import { createPgTransport } from '@/lib/db/pg-transport';
import { createSupabaseTransport } from '@/lib/db/supabase-transport';
import { retryingAbortedTransactions } from '@/lib/db/transaction-retry';
import { toAppError } from '@/lib/http/errors';
import { errorResponse } from '@/lib/http/respond';
import { sql } from '../support/sql';

// A function raising the booking conflict the way the app's functions do.
beforeAll(async () => {
  await sql(`
    create function public.test_raise_conflict(p_bay text) returns jsonb language plpgsql as $$
    begin
      raise exception using errcode = 'PT409', message = 'SLOT_UNAVAILABLE',
        detail = jsonb_build_object('bay', p_bay, 'alternativeTimes', jsonb_build_array('15:00'))::text;
    end $$;
    grant execute on function public.test_raise_conflict(text) to anon;
    create function public.test_whoami() returns jsonb language sql stable as $$
      select jsonb_build_object('role', current_user, 'uid', auth.uid())
    $$;
    grant execute on function public.test_whoami() to anon, authenticated, service_role;
    create function public.test_echo(p_text text, p_doc jsonb, p_n integer) returns jsonb language sql stable as $$
      select jsonb_build_object('text', p_text, 'doc', p_doc, 'n', p_n, 'timeout', current_setting('statement_timeout'))
    $$;
    grant execute on function public.test_echo(text, jsonb, integer) to anon;
    create table public.test_writes (note text);
    grant insert on public.test_writes to anon;
    create function public.test_write_then_fail(p_note text) returns jsonb language plpgsql as $$
    begin
      insert into public.test_writes values (p_note);
      if p_note = 'fail' then raise exception using errcode = 'PT409', message = 'SLOT_UNAVAILABLE'; end if;
      return '{}';
    end $$;
    grant execute on function public.test_write_then_fail(text) to anon;
    create function public.test_sleep(p_seconds numeric) returns jsonb language sql as $$ select jsonb_build_object('slept', pg_sleep(p_seconds)::text) $$;
    grant execute on function public.test_sleep(numeric) to anon;`);
});

describe('pg transport', () => {
  const transport = () => createPgTransport(process.env.DATABASE_URL!, 4);

  it('maps PT409 to HTTP 409 with the code and JSON detail, and the envelope says 409 SLOT_UNAVAILABLE', async () => {
    const pg = transport();
    try {
      const error = await pg.call('test_raise_conflict', { p_bay: 'Bay 1' }, anonCaller).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DbError);
      expect(error).toMatchObject({ status: 409, code: 'PT409', message: 'SLOT_UNAVAILABLE' });
      expect((error as DbError).details).toEqual({ bay: 'Bay 1', alternativeTimes: ['15:00'] });

      const response = errorResponse(toAppError(error), '/api/bookings/create');
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({
        error: 'Requested time slot is not available',
        code: 'SLOT_UNAVAILABLE',
        details: { bay: 'Bay 1', alternativeTimes: ['15:00'] },
        path: '/api/bookings/create',
      });
    } finally {
      await pg.end();
    }
  });

  it("sets the caller's role and claims per call, as PostgREST does", async () => {
    const pg = transport();
    try {
      const id = '5b0b7c3e-8d7e-4f0a-9d1e-2f6a1c9b0a11';
      expect(await pg.call('test_whoami', {}, memberCaller(id))).toEqual({ role: 'authenticated', uid: id });
      expect(await pg.call('test_whoami', {}, anonCaller)).toEqual({ role: 'anon', uid: null });
      expect(await pg.call('test_whoami', {}, serviceCaller)).toEqual({ role: 'service_role', uid: null });
    } finally {
      await pg.end();
    }
  });

  it('sends each call in one round trip with its values as literals: quotes, backslashes and "$1" arrive as written, NUL is refused', async () => {
    const pg = transport();
    try {
      const text = `O'Brien \\ \\' $1 $$ ; commit; -- ไทย`;
      const doc = { quote: "it's", slash: 'a\\b', nested: ['$2', null] };
      expect(await pg.call('test_echo', { p_text: text, p_doc: doc, p_n: 7 }, anonCaller)).toEqual({ text, doc, n: 7, timeout: '8s' });
      await expect(pg.call('test_echo', { p_text: 'a\u0000b', p_doc: {}, p_n: 1 }, anonCaller)).rejects.toMatchObject({ status: 400, code: '22021' });
    } finally {
      await pg.end();
    }
  });

  it('rolls back a call that fails, keeps the connection usable, and the statement timeout applies to the call', async () => {
    const pg = createPgTransport(process.env.DATABASE_URL!, 1);
    const saved = process.env.DB_STATEMENT_TIMEOUT;
    try {
      await expect(pg.call('test_write_then_fail', { p_note: 'fail' }, anonCaller)).rejects.toMatchObject({ status: 409 });
      expect(await pg.call('test_write_then_fail', { p_note: 'kept' }, anonCaller)).toEqual({});
      expect(await sql(`select note from public.test_writes`)).toEqual([{ note: 'kept' }]);
      process.env.DB_STATEMENT_TIMEOUT = '200ms';
      await expect(pg.call('test_sleep', { p_seconds: 2 }, anonCaller)).rejects.toMatchObject({ code: '57014', status: 503 });
      expect(await pg.call('test_whoami', {}, anonCaller)).toEqual({ role: 'anon', uid: null });
    } finally {
      if (saved === undefined) delete process.env.DB_STATEMENT_TIMEOUT;
      else process.env.DB_STATEMENT_TIMEOUT = saved;
      await pg.end();
    }
  });

  it('maps permission errors, missing functions and bad arguments as PostgREST does', async () => {
    const pg = transport();
    try {
      await expect(pg.call('applied_migrations', {}, anonCaller)).rejects.toMatchObject({ status: 401, code: '42501' });
      await expect(pg.call('applied_migrations', {}, memberCaller('5b0b7c3e-8d7e-4f0a-9d1e-2f6a1c9b0a11'))).rejects.toMatchObject({
        status: 403,
        code: '42501',
      });
      await expect(pg.call('no_such_function', {}, serviceCaller)).rejects.toMatchObject({ status: 404, code: '42883' });
      await expect(pg.call('get_availability', { p_date: 'not a date' }, anonCaller)).rejects.toMatchObject({ status: 400, code: '22007' });
      await expect(pg.call('get_availability; drop table x', {}, anonCaller)).rejects.toThrow(/Not a function name/);
      await expect(pg.call('get_availability', { 'p_date) --': '2030-01-01' }, anonCaller)).rejects.toThrow(/Not an argument name/);
    } finally {
      await pg.end();
    }
  });

  it('answers 503 when the database cannot be reached', async () => {
    const pg = createPgTransport('postgresql://postgres:x@127.0.0.1:1/none', 1);
    try {
      const error = await pg.call('get_availability', { p_date: '2030-01-01' }, anonCaller).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 503 });
      expect(toAppError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await pg.end();
    }
  });
});

describe('supabase-js transport against a PostgREST stand-in', () => {
  interface Recorded {
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    body: unknown;
  }
  const recorded: Recorded[] = [];
  let reply: { status: number; body: unknown } = { status: 200, body: null };
  /** Answers given before `reply`, one per request. */
  const queued: Array<{ status: number; body: unknown }> = [];
  let server: http.Server;
  let baseUrl: string;
  const jwtSecret = 'test-jwt-secret-with-at-least-32-characters!';
  const serviceRoleKey = 'service-role-key-for-tests';

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        recorded.push({ method: request.method!, url: request.url!, headers: request.headers, body: text ? JSON.parse(text) : null });
        const answer = queued.shift() ?? reply;
        response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('POSTs named arguments to /rest/v1/rpc/<name> with a member JWT signed with the project secret', async () => {
    recorded.length = 0;
    reply = { status: 200, body: { status: 'not_linked', crmCustomerId: null } };
    const transport = createSupabaseTransport({ url: baseUrl, serviceRoleKey, jwtSecret });
    const profileId = '0d9f1a4e-3b0c-4c5e-8f7a-1b2c3d4e5f60';
    const result = await transport.call('check_availability', { p_date: '2030-01-01', p_start_time: '14:00', p_duration_hours: 2, p_bay: undefined }, memberCaller(profileId));
    expect(result).toEqual({ status: 'not_linked', crmCustomerId: null });
    expect(recorded).toHaveLength(1);
    const [request] = recorded as [Recorded];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/rest/v1/rpc/check_availability');
    expect(request.body).toEqual({ p_date: '2030-01-01', p_start_time: '14:00', p_duration_hours: 2 });
    expect(request.headers['content-type']).toContain('application/json');
    expect(request.headers.apikey).toBe(serviceRoleKey);
    const bearer = String(request.headers.authorization).replace(/^Bearer /, '');
    const { payload, protectedHeader } = await jwtVerify(bearer, new TextEncoder().encode(jwtSecret));
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ role: 'authenticated', sub: profileId, aud: 'authenticated' });
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(300);
  });

  it('sends the service role key for service calls and an anon JWT for anonymous ones', async () => {
    recorded.length = 0;
    reply = { status: 200, body: [] };
    const transport = createSupabaseTransport({ url: baseUrl, serviceRoleKey, jwtSecret });
    await transport.call('applied_migrations', {}, serviceCaller);
    await transport.call('get_availability', { p_date: '2030-01-01' }, anonCaller);
    expect(recorded[0]!.headers.authorization).toBe(`Bearer ${serviceRoleKey}`);
    const anonToken = String(recorded[1]!.headers.authorization).replace(/^Bearer /, '');
    const { payload } = await jwtVerify(anonToken, new TextEncoder().encode(jwtSecret));
    expect(payload.role).toBe('anon');
    expect(payload.sub).toBeUndefined();
  });

  it('maps a PostgREST PT409 error body to a 409 DbError and the 409 envelope', async () => {
    reply = {
      status: 409,
      body: { code: 'PT409', message: 'SLOT_UNAVAILABLE', details: '{"bay": "Bay 1", "alternativeTimes": ["15:00"]}', hint: null },
    };
    const transport = createSupabaseTransport({ url: baseUrl, serviceRoleKey, jwtSecret });
    const error = await transport.call('test_raise_conflict', { p_bay: 'Bay 1' }, anonCaller).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbError);
    expect(error).toMatchObject({ status: 409, code: 'PT409', message: 'SLOT_UNAVAILABLE' });
    const response = errorResponse(toAppError(error), '/api/bookings/create');
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { bay: 'Bay 1', alternativeTimes: ['15:00'] } });
  });

  it('maps other PostgREST errors without leaking their SQL text', async () => {
    const transport = createSupabaseTransport({ url: baseUrl, serviceRoleKey, jwtSecret });
    reply = { status: 404, body: { code: 'PGRST202', message: 'Could not find the function public.nope without parameters', details: null, hint: null } };
    const missing = await transport.call('nope', {}, serviceCaller).catch((e: unknown) => e);
    expect(missing).toMatchObject({ status: 404, code: 'PGRST202' });
    expect(toAppError(missing)).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'Not found' });

    reply = { status: 500, body: { code: 'XX000', message: 'internal error in relation "bookings"', details: null, hint: null } };
    const internal = await transport.call('get_availability', { p_date: '2030-01-01' }, anonCaller).catch((e: unknown) => e);
    const envelope = await errorResponse(toAppError(internal), '/api/availability').json();
    expect(envelope).toMatchObject({ error: 'Internal server error', code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(envelope)).not.toContain('bookings');
  });

  it('runs a call again that PostgREST answered as a deadlock victim, and answers 503 when it keeps losing', async () => {
    const deadlock = { status: 500, body: { code: '40P01', message: 'deadlock detected', details: null, hint: null } };
    const transport = retryingAbortedTransactions(createSupabaseTransport({ url: baseUrl, serviceRoleKey, jwtSecret }));
    recorded.length = 0;
    queued.push(deadlock);
    reply = { status: 200, body: { status: 'not_linked', crmCustomerId: null } };
    expect(await transport.call('get_vip_status', {}, serviceCaller)).toEqual({ status: 'not_linked', crmCustomerId: null });
    expect(recorded).toHaveLength(2);

    recorded.length = 0;
    reply = deadlock;
    const error = await transport.call('get_vip_status', {}, serviceCaller).catch((e: unknown) => e);
    expect(recorded).toHaveLength(3);
    expect(error).toMatchObject({ status: 503, code: '40P01' });
    expect(toAppError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('refuses a member call when no JWT secret is configured', async () => {
    const transport = createSupabaseTransport({ url: baseUrl, serviceRoleKey });
    await expect(transport.call('get_vip_status', {}, memberCaller('0d9f1a4e-3b0c-4c5e-8f7a-1b2c3d4e5f60'))).rejects.toThrow(/SUPABASE_JWT_SECRET/);
  });

  it('answers 503 when PostgREST cannot be reached', async () => {
    const transport = createSupabaseTransport({ url: 'http://127.0.0.1:1', serviceRoleKey, jwtSecret });
    await expect(transport.call('applied_migrations', {}, serviceCaller)).rejects.toMatchObject({ status: 503 });
  });
});
