import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * A production deployment (NODE_ENV=production on a configured database) refuses to start
 * without its secrets, naming each missing one; with them it starts and answers, even when
 * its database is down (health says 503). Runs the built app (`next build` first), no browser.
 */

const NEXT = path.resolve(__dirname, '../../node_modules/.bin/next');
const SECRETS = { NEXTAUTH_SECRET: 'e2e-startup-nextauth-secret-0123456789abcdef', CRON_SECRET: 'e2e-startup-cron-secret-0123456789', STAFF_PIN: '739154' };

function startServer(port: number, env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(NEXT, ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      // A database nobody listens on: a deployment's configuration, and down.
      DATABASE_URL: 'postgres://app:secret@127.0.0.1:1/app',
      SUPABASE_URL: '',
      SUPABASE_SERVICE_ROLE_KEY: '',
      NEXT_TELEMETRY_DISABLED: '1',
      OUTBOX_TIMER_SECONDS: '0',
      VIP_SESSION_CLEANUP_SECONDS: '0',
      REVIEW_REQUEST_TIMER_SECONDS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

test.describe('Required secrets at start-up', () => {
  test.describe.configure({ mode: 'serial' });

  test('without CRON_SECRET a production deployment exits non-zero, naming it', async () => {
    const server = startServer(3111, { ...SECRETS, CRON_SECRET: '' });
    const code = await Promise.race([server.exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 45_000))]);
    if (code === 'running') server.child.kill('SIGKILL');
    expect(code, server.output()).not.toBe('running');
    expect(code).not.toBe(0);
    expect(server.output()).toContain('Refusing to start: CRON_SECRET is not set');
    expect(server.output()).not.toContain('NEXTAUTH_SECRET is not set');
  });

  test('without any of them it names each one on its own line', async () => {
    const server = startServer(3112, { NEXTAUTH_SECRET: '', CRON_SECRET: '', STAFF_PIN: '' });
    const code = await Promise.race([server.exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 45_000))]);
    if (code === 'running') server.child.kill('SIGKILL');
    expect(code, server.output()).not.toBe('running');
    expect(code).not.toBe(0);
    for (const name of Object.keys(SECRETS)) expect(server.output()).toMatch(new RegExp(`^Refusing to start: ${name} is not set: .+$`, 'm'));
  });

  test('with every secret it starts and answers; health says 503 while the database is down', async () => {
    const server = startServer(3113, SECRETS);
    try {
      let status = 0;
      await expect
        .poll(
          async () => {
            if (server.child.exitCode !== null) throw new Error(`next start exited ${server.child.exitCode}: ${server.output()}`);
            status = await fetch('http://127.0.0.1:3113/api/health').then((r) => r.status, () => 0);
            return status;
          },
          { timeout: 45_000, intervals: [250, 500, 1000] },
        )
        .toBe(503);
      expect(server.child.exitCode).toBeNull();
      expect(server.output()).not.toContain('Refusing to start');
    } finally {
      server.child.kill('SIGTERM');
      await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});
