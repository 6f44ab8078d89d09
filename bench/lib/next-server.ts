import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import path from 'node:path';

export interface NextServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * `next start` (the production build, with DEV_TOOLS=1 and test-only secrets) on the
 * embedded PostgreSQL the benchmark already runs under `dataDir`: the app finds the running
 * server through its postmaster.pid and connects to it. Ready once /api/health answers 200.
 * Its output goes to `dataDir`/next.log: requests still in flight when a timed run ends are
 * aborted, and the app logs each one.
 */
export async function startNextServer(dataDir: string, port: number, env: Record<string, string>): Promise<NextServer> {
  const log = openSync(path.join(dataDir, 'next.log'), 'a');
  // BENCH_CPU_PROFILE=<dir>: the server runs under `node --cpu-prof` and writes its profile there on exit.
  const profileDir = process.env.BENCH_CPU_PROFILE;
  const [command, args] = profileDir
    ? [process.execPath, ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`, path.resolve('node_modules/next/dist/bin/next'), 'start', '-p', String(port)]]
    : [path.resolve('node_modules/.bin/next'), ['start', '-p', String(port)]];
  const server = spawn(command, args, {
    env: {
      ...process.env,
      // A production start needs its secrets on any database (bench/run.ts passes NEXTAUTH_SECRET);
      // developer tools record the bookings' messages instead of failing their jobs.
      CRON_SECRET: 'bench-only-cron-secret-0123456789abcdef',
      DEV_TOOLS: '1',
      ...env,
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      // The bench is the app's one proxy: each simulated client's address is in X-Forwarded-For.
      TRUSTED_PROXY_HOPS: '1',
    },
    stdio: ['ignore', log, log],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode} (see ${dataDir}/next.log)`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`${baseUrl}/api/health did not become healthy`);
}
