import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from '@playwright/test';

const ROOT = path.resolve(__dirname, '../..');
const NEXT = path.join(ROOT, 'node_modules/.bin/next');

/** Test-only values of the secrets every production start requires (lib/config/required-secrets.ts). */
export const TEST_SECRETS = {
  NEXTAUTH_SECRET: 'e2e-built-app-nextauth-secret-0123456789abcdef',
  CRON_SECRET: 'e2e-built-app-cron-secret-0123456789',
};

export interface BuiltApp {
  url: string;
  /** Everything the server printed so far. */
  output(): string;
  /** The exit code once the process ends, or 'running' if it is still up after `ms`. */
  exitWithin(ms: number): Promise<number | null | 'running'>;
  /** Resolves once /api/health answers `status`; fails if the process exits first. */
  untilHealth(status: number): Promise<void>;
  /** SIGTERM (the app stops its embedded PostgreSQL), SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/**
 * The built app (`next start`, so `next build` first) as production runs it: NODE_ENV=production,
 * on the embedded database under `env.DATA_DIR` unless `env` configures another, with no
 * developer tools, no LINE channel and no secrets unless `env` gives them (nothing leaks in
 * from the shell), and no background timers. Its own port, not the suite's webServer's.
 */
export function startBuiltApp(port: number, env: Record<string, string>): BuiltApp {
  let output = '';
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(NEXT, ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXTAUTH_URL: url,
      DATABASE_URL: '',
      SUPABASE_URL: '',
      SUPABASE_SERVICE_ROLE_KEY: '',
      DEV_TOOLS: '',
      NEXTAUTH_SECRET: '',
      CRON_SECRET: '',
      LINE_LIFF_CHANNEL_ID: '',
      LINE_CLIENT_ID: '',
      SMTP_URL: '',
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
  const exitWithin = (ms: number) => Promise.race([exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), ms))]);

  return {
    url,
    output: () => output,
    exitWithin,
    async untilHealth(status) {
      await expect
        .poll(
          async () => {
            if (child.exitCode !== null) throw new Error(`next start exited ${child.exitCode}: ${output}`);
            return fetch(`${url}/api/health`).then((r) => r.status, () => 0);
          },
          { timeout: 90_000, intervals: [250, 500, 1000] },
        )
        .toBe(status);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if ((await exitWithin(10_000)) === 'running') child.kill('SIGKILL');
      await exited;
    },
  };
}
