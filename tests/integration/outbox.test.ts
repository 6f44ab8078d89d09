import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GET as cronGet, POST as cronRoute } from '@/app/api/cron/process-outbox/route';
import { rpc, serviceCaller } from '@/lib/db';
import { outboxJobKinds } from '@/lib/outbox/job-kinds';
import { processOutbox } from '@/lib/outbox/process-outbox';
import { insertBooking, venueDate } from '../support/factories';
import { call, json } from '../support/http';
import { sql } from '../support/sql';

/** A queued job of a real booking; an invalid payload makes every attempt fail. */
async function queueJob(options: { valid?: boolean; maxAttempts?: number } = {}): Promise<string> {
  const bookingId = await insertBooking({ bay: 'Bay 1', date: venueDate(50 + Math.floor(Math.random() * 200)), startTime: `${10 + Math.floor(Math.random() * 12)}:00` }).catch(() =>
    insertBooking({ bay: 'Bay 2', date: venueDate(300), startTime: `${10 + Math.floor(Math.random() * 12)}:00` }),
  );
  const payload = options.valid === false ? { broken: true } : (await rpc('get_booking_notice', { p_booking_id: bookingId }, serviceCaller));
  const [job] = await sql<{ id: string }>(
    `insert into public.outbox_jobs (kind, dedupe_key, booking_id, payload, max_attempts)
     values ('staff_line_message', $1, $2, $3, $4) returning id`,
    [`test:${randomUUID()}`, bookingId, JSON.stringify(payload), options.maxAttempts ?? 8],
  );
  return job!.id;
}

const jobRow = async (id: string) =>
  (await sql<{ status: string; attempts: number; last_error: string | null; run_after: Date }>('select status, attempts, last_error, run_after from public.outbox_jobs where id = $1', [id]))[0]!;

beforeEach(async () => {
  // Jobs of other tests in this file must not be claimed by this one.
  await sql(`update public.outbox_jobs set status = 'succeeded' where status in ('pending', 'running')`);
});

describe('the outbox processor', () => {
  it('performs a due job once and records its attempt; a succeeded job is never claimed again', async () => {
    const id = await queueJob();
    const run = await processOutbox();
    expect(run).toEqual({ claimed: 1, succeeded: 1, failed: 0, unfinished: 0 });
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded', attempts: 1, last_error: null });
    expect(await processOutbox()).toMatchObject({ claimed: 0 });
    const attempts = await sql('select attempt, outcome from public.outbox_attempts where job_id = $1', [id]);
    expect(attempts).toEqual([{ attempt: 1, outcome: 'succeeded' }]);
  });

  it('retries a failing job with growing back-off and stops at its cap, visible with its errors', async () => {
    const id = await queueJob({ valid: false, maxAttempts: 3 });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const run = await processOutbox();
      expect(run).toMatchObject({ claimed: 1, failed: 1 });
      const row = await jobRow(id);
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toMatch(/^Invalid payload: bookingId: /);
      delays.push(row.run_after.getTime() - Date.now());
      if (attempt < 3) {
        expect(row.status).toBe('pending');
        // Not due yet: nothing to claim until the back-off has passed.
        expect((await processOutbox()).claimed).toBe(0);
        await sql('update public.outbox_jobs set run_after = now() where id = $1', [id]);
      }
    }
    expect(delays[1]!).toBeGreaterThan(delays[0]! * 1.2);
    expect(await jobRow(id)).toMatchObject({ status: 'failed', attempts: 3 });
    await sql('update public.outbox_jobs set run_after = now() where id = $1', [id]);
    expect((await processOutbox()).claimed).toBe(0);
    const attempts = await sql<{ outcome: string; error: string }>('select outcome, error from public.outbox_attempts where job_id = $1 order by attempt', [id]);
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(attempts.every((a) => a.error.length > 0)).toBe(true);
  });

  it('never lets two concurrent processors claim the same job', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, () => queueJob()));
    const claims = await Promise.all(Array.from({ length: 4 }, () => rpc('claim_outbox_jobs', { p_limit: 12 }, serviceCaller)));
    const claimed = claims.flat().map((job) => job.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.sort()).toEqual([...ids].sort());
  });

  it('reclaims a job whose lease lapsed (its processor died) and ignores the late answer of the old attempt', async () => {
    const id = await queueJob();
    const [first] = await rpc('claim_outbox_jobs', { p_limit: 1, p_lease_seconds: 60 }, serviceCaller);
    expect(first!.id).toBe(id);
    expect(await rpc('claim_outbox_jobs', { p_limit: 5 }, serviceCaller)).toEqual([]);
    await sql(`update public.outbox_jobs set locked_until = now() - interval '1 second' where id = $1`, [id]);
    const [second] = await rpc('claim_outbox_jobs', { p_limit: 1 }, serviceCaller);
    expect(second).toMatchObject({ id, attempt: 2 });
    expect(await rpc('complete_outbox_job', { p_job_id: id, p_attempt: 1, p_result: {} }, serviceCaller)).toBe(false);
    expect(await rpc('complete_outbox_job', { p_job_id: id, p_attempt: 2, p_result: { ok: true } }, serviceCaller)).toBe(true);
    expect(await rpc('fail_outbox_job', { p_job_id: id, p_attempt: 2, p_error: 'late' }, serviceCaller)).toEqual({ recorded: false });
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });
});

describe('outbox job kinds', () => {
  it('are the same in lib/outbox/kinds and public.outbox_job_kinds, flags included', async () => {
    const rows = await sql<{ kind: string; moot_when_booking_cancelled: boolean; queued_by_notification_routes: boolean }>(
      'select kind, moot_when_booking_cancelled, queued_by_notification_routes from public.outbox_job_kinds',
    );
    rows.sort((a, b) => (a.kind < b.kind ? -1 : 1));
    const modules = Object.entries(outboxJobKinds)
      .map(([kind, module]) => ({
        kind,
        moot_when_booking_cancelled: module.mootWhenBookingCancelled,
        queued_by_notification_routes: module.queuedByNotificationRoutes,
      }))
      .sort((a, b) => (a.kind < b.kind ? -1 : 1));
    expect(rows).toEqual(modules);
    expect(rows.length).toBeGreaterThanOrEqual(11);
  });

  it('refuses a job of a kind that has no row (no module performs it)', async () => {
    await expect(
      sql(`insert into public.outbox_jobs (kind, dedupe_key, payload) values ('fax_message', $1, '{}')`, [`test:${randomUUID()}`]),
    ).rejects.toMatchObject({ code: '23503' });
  });
});

describe('GET|POST /api/cron/process-outbox', () => {
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

  it('refuses callers without the cron secret with 401', async () => {
    for (const headers of [{}, { Authorization: "Bearer wrong" }, { Authorization: secret }] as Record<string, string>[]) {
      const response = await call(cronRoute, 'POST', '/api/cron/process-outbox', { headers });
      expect(response.status).toBe(401);
      expect(await json(response)).toMatchObject({ code: 'AUTH_REQUIRED' });
    }
    delete process.env.CRON_SECRET;
    const unset = await call(cronRoute, 'POST', '/api/cron/process-outbox', { headers: { Authorization: 'Bearer ' } });
    expect(unset.status).toBe(401);
  });

  it('drains due jobs for the scheduler', async () => {
    const ids = await Promise.all([queueJob(), queueJob(), queueJob({ valid: false })]);
    const response = await call(cronRoute, 'POST', '/api/cron/process-outbox', { headers: { Authorization: `Bearer ${secret}` } });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ claimed: 3, succeeded: 2, failed: 1, unfinished: 0 });
    expect((await jobRow(ids[0]!)).status).toBe('succeeded');
    const again = await call(cronGet, 'GET', '/api/cron/process-outbox', { headers: { Authorization: `Bearer ${secret}` } });
    expect(await json(again)).toEqual({ claimed: 0, succeeded: 0, failed: 0, unfinished: 0 });
  });
});
