import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { round } from './stats';

// What `next build` reads; a change to any of these makes the build stale.
const BUILD_INPUTS = ['app', 'components', 'lib', 'public', 'instrumentation.ts', 'middleware.ts', 'next.config.js',
  'package-lock.json', 'tailwind.config.ts', 'postcss.config.js', 'tsconfig.json'];

async function newestChange(entry: string): Promise<number> {
  const info = await stat(entry).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const children = await readdir(entry);
  const times = await Promise.all(children.map((child) => newestChange(path.join(entry, child))));
  return Math.max(info.mtimeMs, ...times);
}

/**
 * Runs `next build` when there is no production build or a source file changed since it was
 * made, so `npm run bench` alone always measures the current code. Returns the seconds spent
 * building (0 when the build was current).
 */
export async function ensureBuild(): Promise<number> {
  const built = (await stat('.next/BUILD_ID').catch(() => null))?.mtimeMs ?? 0;
  const changed = Math.max(...(await Promise.all(BUILD_INPUTS.map(newestChange))));
  if (built > changed) {
    console.log('bench: production build is current');
    return 0;
  }
  console.log(built ? 'bench: sources changed since the last build, running next build' : 'bench: no production build, running next build');
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const build = spawn(path.resolve('node_modules/.bin/next'), ['build'], { stdio: ['ignore', 'inherit', 'inherit'] });
    build.once('error', reject);
    build.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with code ${code}`))));
  });
  return round((performance.now() - started) / 1000);
}
