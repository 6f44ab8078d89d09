import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as availabilityRoute } from '@/app/api/availability/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { anonCaller, type Caller, closeDatabase, memberCaller, serviceCaller } from '@/lib/db';
import { DbError } from '@/lib/db/errors';
import { createPgTransport, type Transport } from '@/lib/db/pg-transport';
import { createProfile, randomSuffix, venueDate } from '../support/factories';
import { call, randomIp } from '../support/http';
import { sql } from '../support/sql';

/**
 * Each app instance caches the days it computed (lib/availability/availability-cache.ts). A
 * slot booked, moved or cancelled through one instance must never be shown free by another
 * more than 1 s later: two instances in processes of their own on this file's database (the
 * pg transport), and this process as a third on the Supabase transport through a PostgREST
 * stand-in that calls the same database. Each checks the versions of the days it keeps five
 * times a second (get_availability_versions, migration 20261203120000).
 */
const BOUND_MS = 1_000;
const jwtSecret = 'invalidation-test-jwt-secret-of-32-characters!';
const serviceRoleKey = 'invalidation-service-role-key';

interface Instance {
  url: string;
  process?: ChildProcess;
}
let a: Instance;
let b: Instance;
/** This process, switched to the Supabase transport. */
const supabase: Instance = { url: 'in-process' };
let postgrestUrl: string;
const savedEnv = { ...process.env };
let postgrest: http.Server;
let transport: Transport;

function start(env: Record<string, string | undefined>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/app-instance.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, OUTBOX_TIMER_SECONDS: '0', REVIEW_REQUEST_TIMER_SECONDS: '0', VIP_SESSION_CLEANUP_SECONDS: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const port = /listening (\d+)/.exec(out)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}`, process: child });
    });
    child.on('exit', (code) => reject(new Error(`app instance exited with ${code}: ${out}`)));
  });
}

/** PostgREST's part: POST /rest/v1/rpc/<name>, the caller from the bearer, errors as PostgREST sends them. */
function startPostgrestStandIn(): Promise<string> {
  postgrest = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', async () => {
      const name = /^\/rest\/v1\/rpc\/(\w+)$/.exec(request.url ?? '')?.[1] ?? '';
      const bearer = String(request.headers.authorization).replace(/^Bearer /, '');
      let status = 200;
      let body: unknown;
      try {
        let caller: Caller = serviceCaller;
        if (bearer !== serviceRoleKey) {
          const { payload } = await jwtVerify(bearer, new TextEncoder().encode(jwtSecret));
          caller = payload.role === 'authenticated' ? memberCaller(String(payload.sub)) : anonCaller;
        }
        body = await transport.call(name, text ? (JSON.parse(text) as Record<string, unknown>) : {}, caller);
      } catch (error) {
        const e = error instanceof DbError ? error : new DbError(401, 'PGRST301', (error as Error).message);
        status = e.status;
        body = { code: e.code, message: e.message, details: e.detail, hint: e.hint };
      }
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(body));
    });
  });
  return new Promise((resolve) => postgrest.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(postgrest.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  transport = createPgTransport(process.env.DATABASE_URL!, 4);
  postgrestUrl = await startPostgrestStandIn();
  [a, b] = await Promise.all([start({}), start({})]);
}, 90_000);

afterAll(async () => {
  for (const instance of [a, b]) instance?.process?.kill('SIGTERM');
  await closeDatabase();
  process.env = savedEnv;
  await new Promise((resolve) => postgrest?.close(resolve));
  await transport?.end();
});

interface Slot {
  bay: string;
  startTime: string;
  available: boolean;
}

const getAvailability = (instance: Instance, date: string, headers: Record<string, string>) =>
  instance === supabase
    ? call(availabilityRoute, 'GET', `/api/availability?date=${date}`, { headers })
    : fetch(`${instance.url}/api/availability?date=${date}`, { headers: { 'x-forwarded-for': randomIp(), ...headers } });

async function availability(instance: Instance, date: string, headers: Record<string, string> = {}) {
  const response = await getAvailability(instance, date, headers);
  const source = /desc=(\w+)/.exec(response.headers.get('server-timing') ?? '')?.[1];
  const slots = response.status === 200 ? ((await response.json()) as { availableSlots: Slot[] }).availableSlots : [];
  return { status: response.status, source, etag: response.headers.get('etag'), slots };
}

const isFree = (slots: Slot[], bay: string, startTime: string) => {
  const slot = slots.find((s) => s.bay === bay && s.startTime === startTime);
  if (!slot) throw new Error(`no slot ${bay} ${startTime}`);
  return slot.available;
};

/** Reads until the instance serves the day from its cache as it stands (no query): the cache is in play. */
async function untilCached(instance: Instance, date: string, source = 'cache') {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const read = await availability(instance, date);
    if (read.source === source) return read;
    if (Date.now() > deadline) throw new Error(`never served from the cache: ${read.source}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * From `since` (the write's answer arrived, so it committed), reads every 20 ms until each slot
 * shows `free`, then a few more reads: the first right read began within the bound, none after it is wrong.
 */
async function expectSeenWithin(instance: Instance, date: string, since: number, expected: Array<[bay: string, startTime: string, free: boolean]>) {
  const matches = (slots: Slot[]) => expected.every(([bay, startTime, free]) => isFree(slots, bay, startTime) === free);
  let seenAt: number | undefined;
  while (seenAt === undefined) {
    const startedAt = Date.now();
    const read = await availability(instance, date);
    expect(read.status).toBe(200);
    if (matches(read.slots)) seenAt = startedAt;
    else if (startedAt - since > BOUND_MS) throw new Error(`still not seen ${startedAt - since} ms after the write: ${JSON.stringify(expected)}`);
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(seenAt - since).toBeLessThan(BOUND_MS);
  for (let i = 0; i < 5; i++) expect(matches((await availability(instance, date)).slots)).toBe(true);
}

async function send(instance: Instance, method: string, path: string, body: unknown, token?: string) {
  const response = await fetch(`${instance.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': randomIp(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  expect(response.status, JSON.stringify(answer)).toBe(200);
  return answer;
}

const bookingBody = (date: string, bay: string, startTime: string) => ({
  date,
  startTime,
  duration: 1,
  bay,
  numberOfPeople: 2,
  customerName: 'Cache Tester',
  customerEmail: `cache-${randomSuffix()}@example.test`,
  customerPhone: '0812345678',
});

describe('availability caches of separate app instances', () => {
  it('a guest booking made through one instance is shown taken by the other within 1 s', async () => {
    const date = venueDate(5);
    expect(isFree((await untilCached(b, date)).slots, 'Bay 2', '15:00')).toBe(true);
    await send(a, 'POST', '/api/bookings/create', bookingBody(date, 'Bay 2', '15:00'));
    await expectSeenWithin(b, date, Date.now(), [['Bay 2', '15:00', false]]);
  });

  it('a move and a cancellation through one instance are seen by the other within 1 s', async () => {
    const date = venueDate(6);
    const profileId = await createProfile();
    const token = await issueSessionToken(profileId);
    const booked = await send(a, 'POST', '/api/bookings/create', bookingBody(date, 'Bay 3', '12:00'), token);
    await expectSeenWithin(b, date, Date.now(), [['Bay 3', '12:00', false]]);

    await untilCached(b, date);
    await send(a, 'PUT', `/api/vip/bookings/${String(booked.bookingId)}/modify`, { date, startTime: '17:00', duration: 1 }, token);
    await expectSeenWithin(b, date, Date.now(), [['Bay 3', '12:00', true], ['Bay 3', '17:00', false]]);

    await untilCached(b, date);
    await send(a, 'POST', `/api/vip/bookings/${String(booked.bookingId)}/cancel`, {}, token);
    await expectSeenWithin(b, date, Date.now(), [['Bay 3', '17:00', true]]);
  });

  it('checks that go unanswered cost no stale answer: the instance reads versions until they are answered again', async () => {
    const date = venueDate(9);
    await untilCached(b, date);
    // The checks fail (the function refused to the app's anon caller); a day's own version read still answers.
    await sql('revoke execute on function public.get_availability_versions(jsonb) from anon');
    try {
      await send(a, 'POST', '/api/bookings/create', bookingBody(date, 'Bay 2', '13:00'));
      await expectSeenWithin(b, date, Date.now(), [['Bay 2', '13:00', false]]);
      // No check answered for 0.6 s: every read asks for the day's version.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect((await availability(b, date)).source).toBe('version');
    } finally {
      await sql('grant execute on function public.get_availability_versions(jsonb) to anon');
    }
    await untilCached(b, date);
    await send(a, 'POST', '/api/bookings/create', bookingBody(date, 'Bay 2', '14:00'));
    await expectSeenWithin(b, date, Date.now(), [['Bay 2', '14:00', false]]);
  });

  it('a change of prices or booking rules in the database reaches the other instance within 1 s too', async () => {
    const date = venueDate(10);
    const before = await untilCached(b, date);
    const price = (slots: Slot[]) => (slots as Array<Slot & { price: number | null }>).find((s) => s.bay === 'Bay 1' && s.startTime === '12:00')!.price;
    await sql(`update public.price_rules set price_per_hour = price_per_hour + 100 where bay_id = (select id from public.bays where name = 'Bay 1')`);
    const changedAt = Date.now();
    let read = await availability(b, date);
    while (price(read.slots) === price(before.slots) && Date.now() - changedAt < BOUND_MS) read = await availability(b, date);
    expect(price(read.slots)).toBe(price(before.slots)! + 100);

    await untilCached(b, date);
    await sql(`update public.venue_settings set min_booking_notice_minutes = min_booking_notice_minutes`);
    const touchedAt = Date.now();
    read = await availability(b, date);
    while (read.source === 'cache' && Date.now() - touchedAt < BOUND_MS) read = await availability(b, date);
    expect(read.source).toBe('database');
  });

  it('the Supabase-transport instance checks its days the same way: it serves its cache and sees writes within 1 s', async () => {
    await closeDatabase();
    delete process.env.DATABASE_URL;
    Object.assign(process.env, { SUPABASE_URL: postgrestUrl, SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey, SUPABASE_JWT_SECRET: jwtSecret });
    const date = venueDate(7);
    await untilCached(supabase, date);
    await send(a, 'POST', '/api/bookings/create', bookingBody(date, 'Bay 1', '11:00'));
    await expectSeenWithin(supabase, date, Date.now(), [['Bay 1', '11:00', false]]);
  });

  it('answers a revalidation with the current ETag 304 without computing the day, on every instance alike', async () => {
    const date = venueDate(8);
    const first = await untilCached(b, date);
    for (const instance of [a, b, supabase]) {
      const response = await getAvailability(instance, date, { 'if-none-match': first.etag! });
      expect(response.status).toBe(304);
      expect(response.headers.get('server-timing')).not.toContain('database');
    }
    await send(b, 'POST', '/api/bookings/create', bookingBody(date, 'Bay 1', '20:00'));
    const after = await availability(a, date, { 'if-none-match': first.etag! });
    expect(after.status).toBe(200);
    expect(after.etag).not.toBe(first.etag);
  });
});
