import { spawn } from 'node:child_process';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';

export interface BenchServer {
  baseUrl: string;
  /** Stops the server and waits until its embedded PostgreSQL has shut down too. */
  stop(): Promise<void>;
}

/**
 * `next start` (production build) on a fresh embedded PostgreSQL under `dataDir` (or the
 * one already there, with `fresh = false`), ready once /api/health answers 200.
 */
export async function startBenchServer(dataDir: string, port: number, env: Record<string, string> = {}, fresh = true): Promise<BenchServer> {
  if (fresh) await rm(dataDir, { recursive: true, force: true });
  const server = spawn(path.resolve('node_modules/.bin/next'), ['start', '-p', String(port)], {
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    for (let i = 0; i < 100 && (await stat(pidFile).catch(() => null)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return { baseUrl, stop };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`${baseUrl}/api/health did not become healthy`);
}
