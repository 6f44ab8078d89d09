import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as availabilityRoute } from '@/app/api/availability/route';
import { POST as createRoute } from '@/app/api/bookings/create/route';
import { GET as healthRoute } from '@/app/api/health/route';
import { closeDatabase } from '@/lib/db';
import { randomSuffix, venueDate } from '../support/factories';
import { call, json } from '../support/http';

/**
 * The zero-setup default: the app starts and owns an embedded PostgreSQL. When that server
 * dies under it (stopped by hand, or killed), the app starts it again on its next request,
 * on the same data, with no restart of the app: at worst a request or two answer 503.
 */
let dataDir: string;
const savedEnv = { ...process.env };
const crashes: unknown[] = [];
const recordCrash = (error: unknown) => crashes.push(error);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  process.on('uncaughtException', recordCrash);
  process.on('unhandledRejection', recordCrash);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'golf-faults-embedded-'));
  await closeDatabase();
  delete process.env.DATABASE_URL;
  Object.assign(process.env, { DATA_DIR: dataDir, DB_CONNECT_TIMEOUT_MS: '2000', OUTBOX_TIMER_SECONDS: '0' });
});

afterAll(async () => {
  await closeDatabase();
  const pid = await postmasterPid().catch(() => undefined);
  if (pid) await stopPostmaster(pid, 'SIGINT');
  process.env = savedEnv;
  await rm(dataDir, { recursive: true, force: true });
  process.off('uncaughtException', recordCrash);
  process.off('unhandledRejection', recordCrash);
});

async function postmasterPid(): Promise<number> {
  const lines = (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n');
  return Number(lines[0]);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopPostmaster(pid: number, signal: 'SIGINT' | 'SIGKILL') {
  process.kill(pid, signal);
  while (isAlive(pid)) await sleep(50);
}

const availability = () => call(availabilityRoute, 'GET', `/api/availability?date=${venueDate(2)}`);

let slot = 0;
async function book() {
  const n = slot++;
  const email = `embedded-${n}-${randomSuffix()}@example.test`;
  const response = await call(createRoute, 'POST', '/api/bookings/create', {
    body: { date: venueDate(58), startTime: `${10 + n}:00`, duration: 1, bay: 'Bay 1', numberOfPeople: 2, customerName: 'Embedded', customerEmail: email, customerPhone: '0812345678' },
  });
  return { response, email };
}

/** Requests until one succeeds; every answer on the way is 200 or a clean 503. */
async function untilRecovered(boundMs: number): Promise<number[]> {
  const statuses: number[] = [];
  const deadline = Date.now() + boundMs;
  for (;;) {
    const answers = await Promise.all(Array.from({ length: 6 }, () => availability()));
    for (const answer of answers) {
      statuses.push(answer.status);
      if (answer.status !== 200) expect(await json(answer)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    }
    if (answers.every((answer) => answer.status === 200) || Date.now() > deadline) return statuses;
    await sleep(200);
  }
}

describe('the embedded PostgreSQL the app owns', () => {
  it('is started again by the app when it is stopped or killed, with its data', { timeout: 90_000 }, async () => {
    expect((await availability()).status).toBe(200); // the first request creates and starts it
    const before = await book();
    expect(before.response.status).toBe(200);
    const { bookingReference } = await json<{ bookingReference: string }>(before.response);

    for (const signal of ['SIGINT', 'SIGKILL'] as const) {
      const pid = await postmasterPid();
      // SIGINT: a fast shutdown, as an operator's pg_ctl stop; SIGKILL: the server crashed.
      await stopPostmaster(pid, signal);
      const statuses = await untilRecovered(20_000);
      expect(statuses.every((status) => status === 200 || status === 503), `answers: ${statuses.join(',')}`).toBe(true);
      expect(statuses.at(-1)).toBe(200);
      expect(await postmasterPid()).not.toBe(pid);

      const health = await call(healthRoute, 'GET', '/api/health');
      expect(await json(health)).toMatchObject({ status: 'ok', database: 'up' });
      // The data survived: the earlier booking still holds its slot, a new one can be made.
      const again = await book();
      expect(again.response.status).toBe(200);
      const availabilityLater = await call(availabilityRoute, 'GET', `/api/availability?date=${venueDate(58)}`);
      const slots = (await json<{ availableSlots: Array<{ bay: string; startTime: string; available: boolean }> }>(availabilityLater)).availableSlots;
      expect(slots.find((s) => s.bay === 'Bay 1' && s.startTime === '10:00')?.available).toBe(false);
    }
    expect(bookingReference).toMatch(/^BK/);
    expect(crashes).toEqual([]);
  });
});
