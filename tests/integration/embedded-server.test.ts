import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';

/** One app-like process using the embedded server; talks JSON lines over stdio. */
class AppProcess {
  private readonly lines: AsyncIterator<string>;
  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    this.lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }
  static start(dataDir: string) {
    const tsx = path.resolve('node_modules/.bin/tsx');
    return new AppProcess(spawn(tsx, ['tests/support/embedded-worker.ts', dataDir], { stdio: 'pipe' }));
  }
  async next<T>(): Promise<T> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error('process ended');
    return JSON.parse(value) as T;
  }
  async query<T>(sql: string): Promise<T[]> {
    this.child.stdin.write(`query ${sql}\n`);
    return this.next<T[]>();
  }
  kill() {
    const ended = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    return ended;
  }
  /** Ends by itself after setting `process.exitCode`; resolves with the exit code the OS saw. */
  async exitWithCode(code: number): Promise<number | null> {
    const ended = new Promise<number | null>((resolve) => this.child.once('exit', (exitCode) => resolve(exitCode)));
    this.child.stdin.end(`exit-code ${code}\n`);
    return ended;
  }
  async exit() {
    const ended = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.write('exit\n');
    await ended;
  }
}

const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('leaves the exit code of a command that started it alone (a failed test run must not exit 0)', { timeout: 90_000 }, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'golf-embedded-'));
    dirs.push(dataDir);
    const app = AppProcess.start(dataDir);
    expect(await app.next()).toMatchObject({ owner: true });
    expect(await app.exitWithCode(3)).toBe(3);
  });

  it('is created once, shared by two processes on one data dir, stopped by its owner, and reused on the next start', { timeout: 90_000 }, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'golf-embedded-'));
    dirs.push(dataDir);

    // Two processes start at once on a fresh data dir.
    const first = AppProcess.start(dataDir);
    const second = AppProcess.start(dataDir);
    const [a, b] = await Promise.all([first.next<{ port: string; owner: boolean }>(), second.next<{ port: string; owner: boolean }>()]);
    expect(a.port).toBe(b.port);
    expect([a.owner, b.owner].sort()).toEqual([false, true]);
    const credentials = await readFile(path.join(dataDir, 'postgres-credentials.json'), 'utf8');
    expect(JSON.parse(credentials).password).toMatch(/^[0-9a-f]{48}$/);

    // Both see the same, seeded, database; a write by one is seen by the other.
    expect(await first.query<{ n: number }>('select count(*)::int as n from public.bays')).toEqual([{ n: 4 }]);
    // Both connect through the server's Unix socket (no client address), the cheaper round trip.
    for (const app of [first, second]) expect(await app.query('select inet_client_addr() as address')).toEqual([{ address: null }]);
    await second.query(`insert into public.customers (customer_code, name) values ('CUS-7777', 'Persisted Person') returning id`);
    expect(await first.query<{ name: string }>(`select name from public.customers where customer_code = 'CUS-7777'`)).toEqual([{ name: 'Persisted Person' }]);
    const [{ n: bookingsBefore }] = (await first.query<{ n: number }>('select count(*)::int as n from public.bookings')) as [{ n: number }];

    // The owner stops the server cleanly when it ends.
    const [owner, guest] = a.owner ? [first, second] : [second, first];
    await guest.exit();
    await owner.exit();
    expect(await portAnswers(Number(a.port))).toBe(false);

    // The next start reuses the cluster: same password, data kept, no second seed.
    const third = AppProcess.start(dataDir);
    const c = await third.next<{ port: string; owner: boolean }>();
    expect(c.owner).toBe(true);
    expect(await readFile(path.join(dataDir, 'postgres-credentials.json'), 'utf8')).toBe(credentials);
    expect(await third.query<{ name: string }>(`select name from public.customers where customer_code = 'CUS-7777'`)).toEqual([{ name: 'Persisted Person' }]);
    expect(await third.query<{ n: number }>('select count(*)::int as n from public.bookings')).toEqual([{ n: bookingsBefore }]);
    expect(await third.query<{ n: number }>('select count(*)::int as n from public.bays')).toEqual([{ n: 4 }]);

    // Killed hard, the owner leaves its server running; the next process stops that orphan and starts its own.
    await third.kill();
    expect(await portAnswers(Number(c.port))).toBe(true);
    const fourth = AppProcess.start(dataDir);
    const d = await fourth.next<{ port: string; owner: boolean }>();
    expect(d.owner).toBe(true);
    expect(await portAnswers(Number(c.port))).toBe(d.port === c.port);
    expect(await fourth.query<{ name: string }>(`select name from public.customers where customer_code = 'CUS-7777'`)).toEqual([{ name: 'Persisted Person' }]);
    await fourth.exit();
    expect(await portAnswers(Number(d.port))).toBe(false);
  });

  it('connects over loopback TCP when the data dir is too deep for a Unix socket path', { timeout: 90_000 }, async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'golf-embedded-'));
    dirs.push(root);
    const dataDir = path.join(root, 'a-data-directory-deeper-than-a-unix-socket-path-may-be'.repeat(2));
    const app = AppProcess.start(dataDir);
    expect(await app.next()).toMatchObject({ owner: true });
    expect(await app.query('select inet_client_addr()::text as address')).toEqual([{ address: '127.0.0.1/32' }]);
    await app.exit();
  });
});
