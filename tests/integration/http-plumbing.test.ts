import { describe, expect, it } from 'vitest';
import { GET as healthRoute } from '@/app/api/health/route';
import { GET as openApiRoute } from '@/app/api/openapi.json/route';
import { GET as vipStatusRoute } from '@/app/api/vip/status/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { closeDatabase } from '@/lib/db';
import { HEALTH_CACHE_MS } from '@/lib/health/check-health';
import { createCustomer, createProfile } from '../support/factories';
import { call, json } from '../support/http';
import { sql } from '../support/sql';

describe('protected routes: GET /api/vip/status', () => {
  it('answers 401 with the envelope without a caller', async () => {
    const response = await call(vipStatusRoute, 'GET', '/api/vip/status');
    expect(response.status).toBe(401);
    const body = await json(response);
    expect(body).toEqual({ error: 'Authentication required', code: 'AUTH_REQUIRED', timestamp: expect.any(String), path: '/api/vip/status' });
    expect(new Date(body.timestamp as string).toISOString()).toBe(body.timestamp);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers 200 with a Bearer token, and with the session cookie', async () => {
    const profileId = await createProfile();
    const token = await issueSessionToken(profileId);
    const withBearer = await call(vipStatusRoute, 'GET', '/api/vip/status', { headers: { Authorization: `Bearer ${token}` } });
    expect(withBearer.status).toBe(200);
    expect(await json(withBearer)).toEqual({ status: 'not_linked', crmCustomerId: null });
    expect(withBearer.headers.get('cache-control')).toBe('private, max-age=300');
    expect(withBearer.headers.get('x-ratelimit-limit')).toBe('60');

    const customer = await createCustomer();
    await sql('update public.profiles set customer_id = $1 where id = $2', [customer, profileId]);
    const withCookie = await call(vipStatusRoute, 'GET', '/api/vip/status', { headers: { Cookie: `other=1; next-auth.session-token=${token}` } });
    expect(withCookie.status).toBe(200);
    expect(await json(withCookie)).toEqual({ status: 'linked_matched', crmCustomerId: customer });
  });

  it('answers 401 to a forged, tampered or foreign token', async () => {
    const token = await issueSessionToken(await createProfile());
    const tampered = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const bearer of [tampered, 'not-a-token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.x']) {
      const response = await call(vipStatusRoute, 'GET', '/api/vip/status', { headers: { Authorization: `Bearer ${bearer}` } });
      expect(response.status).toBe(401);
    }
    const basic = await call(vipStatusRoute, 'GET', '/api/vip/status', { headers: { Authorization: `Basic ${token}` } });
    expect(basic.status).toBe(401);
  });

  it('rate-limits per member at 60 a minute', async () => {
    const token = await issueSessionToken(await createProfile());
    const headers = { Authorization: `Bearer ${token}` };
    const statuses: number[] = [];
    // Different addresses, one member: the member is the key.
    for (let i = 0; i < 61; i++) statuses.push((await call(vipStatusRoute, 'GET', '/api/vip/status', { headers })).status);
    expect(statuses.slice(0, 60).every((status) => status === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});

describe('GET /api/health', () => {
  // Each process reuses a check for HEALTH_CACHE_MS: a test that changed the database waits that out.
  const freshHealth = async () => {
    await new Promise((resolve) => setTimeout(resolve, HEALTH_CACHE_MS));
    return call(healthRoute, 'GET', '/api/health');
  };

  it('answers 200 when the database answers and every migration is applied', async () => {
    const response = await call(healthRoute, 'GET', '/api/health');
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ status: 'ok', database: 'up', migrations: { current: true, pending: [] }, checkedAt: expect.any(String) });
  });

  it('answers 503 naming the pending migration when the database lags behind the code', async () => {
    const [latest] = await sql<{ version: string; name: string; statements: string[] }>(
      'delete from supabase_migrations.schema_migrations where version = (select max(version) from supabase_migrations.schema_migrations) returning *',
    );
    try {
      const response = await freshHealth();
      expect(response.status).toBe(503);
      expect(await json(response)).toEqual({
        status: 'unavailable',
        database: 'up',
        migrations: { current: false, pending: [latest!.version] },
        checkedAt: expect.any(String),
      });
    } finally {
      await sql('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)', [
        latest!.version,
        latest!.name,
        latest!.statements,
      ]);
    }
  });

  it('answers 503 when the database cannot be reached', async () => {
    const url = process.env.DATABASE_URL!;
    await closeDatabase();
    process.env.DATABASE_URL = 'postgresql://postgres:x@127.0.0.1:1/none';
    try {
      const response = await freshHealth();
      expect(response.status).toBe(503);
      expect(await json(response)).toMatchObject({ status: 'unavailable', database: 'down' });
    } finally {
      await closeDatabase();
      process.env.DATABASE_URL = url;
    }
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every implemented route with its schemas, auth and errors', async () => {
    const response = await openApiRoute();
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown; parameters?: { name: string; required: boolean }[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/api/admin/calendar-retry',
      '/api/admin/outbox-jobs/{jobId}/retry',
      '/api/auth/email-code',
      '/api/availability',
      '/api/availability/check',
      '/api/bookings/calendar/create',
      '/api/bookings/create',
      '/api/bookings/manage',
      '/api/bookings/manage/cancel',
      '/api/bookings/manage/modify',
      '/api/cron/cleanup-vip-sessions',
      '/api/cron/process-outbox',
      '/api/health',
      '/api/liff/me',
      '/api/liff/spin',
      '/api/lucky-draw/campaign-status',
      '/api/lucky-draw/customer-status',
      '/api/lucky-draw/redeem',
      '/api/lucky-draw/sales-transactions',
      '/api/notifications/email',
      '/api/notifications/email/cancellation',
      '/api/notifications/line',
      '/api/notifications/line/review-request',
      '/api/notifications/process-review-requests',
      '/api/notifications/schedule-review-request',
      '/api/notifications/send-review-request',
      '/api/staff/audit',
      '/api/staff/bookings',
      '/api/staff/bookings/{bookingId}/attendance',
      '/api/staff/bookings/{bookingId}/cancel',
      '/api/staff/bookings/{bookingId}/deliveries/retry',
      '/api/staff/bookings/{bookingId}/move',
      '/api/staff/customers',
      '/api/staff/day-sheet',
      '/api/staff/me',
      '/api/staff/members',
      '/api/staff/members/{memberId}',
      '/api/staff/prizes/{code}',
      '/api/staff/prizes/{code}/redeem',
      '/api/staff/profiles/{profileId}/marketing-consents',
      '/api/vip/bookings',
      '/api/vip/bookings/{bookingId}/cancel',
      '/api/vip/bookings/{bookingId}/modify',
      '/api/vip/guest-bookings',
      '/api/vip/guest-bookings/{bookingId}/claim',
      '/api/vip/link-account',
      '/api/vip/packages',
      '/api/vip/profile',
      '/api/vip/sessions',
      '/api/vip/sessions/analytics',
      '/api/vip/sessions/validate',
      '/api/vip/status',
    ]);
    expect(Object.keys(document.paths['/api/cron/process-outbox']!).sort()).toEqual(['get', 'post']);
    const availability = document.paths['/api/availability']!.get!;
    expect(availability.parameters).toEqual([expect.objectContaining({ name: 'date', required: true })]);
    expect(Object.keys(availability.responses)).toEqual(expect.arrayContaining(['200', '400', '429']));
    expect(document.paths['/api/availability/check']!.post!.requestBody).toBeTruthy();
    expect(document.paths['/api/vip/status']!.get!.security).toBeTruthy();
    for (const protectedOperation of [document.paths['/api/vip/status']!.get!, document.paths['/api/cron/process-outbox']!.post!]) {
      expect(Object.keys(protectedOperation.responses)).toEqual(expect.arrayContaining(['401']));
    }
    // A route tests only its own credential kind: 403 only where a valid credential can lack a right (a customer on an admin route).
    expect(Object.keys(document.paths['/api/cron/process-outbox']!.get!.responses)).not.toContain('403');
    expect(Object.keys(document.paths['/api/admin/calendar-retry']!.post!.responses)).toEqual(expect.arrayContaining(['401', '403', '429']));
    expect(JSON.stringify(document)).toContain('alternativeTimes');
  });
});
