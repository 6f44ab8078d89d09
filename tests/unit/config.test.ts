import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { envNames, readEnv, runtimeSetNames } from '@/lib/config/env';

const root = path.resolve(__dirname, '../..');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(relative);
      return /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) ? [relative] : [];
    }),
  );
  return nested.flat();
}
const textOf = async (files: string[]) => (await Promise.all(files.map((file) => readFile(path.join(root, file), 'utf8')))).join('\n');

/** Variable names .env.example assigns (`NAME=`), commented-out ones included. */
async function exampleNames(): Promise<Set<string>> {
  const example = await readFile(path.join(root, '.env.example'), 'utf8');
  return new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!));
}

describe('lib/config/env: the one list of environment variables', () => {
  it('.env.example documents every variable the app reads, and lists nothing else but the tests\' and benchmarks\' own', async () => {
    const documented = await exampleNames();
    const known = new Set<string>(envNames);
    expect(envNames.filter((name) => !documented.has(name) && !runtimeSetNames.includes(name))).toEqual([]);
    // The rest of .env.example tunes the tooling: each such name is read by a test, the bench or a config file.
    const tooling = await textOf([...(await sourceFiles('tests')), ...(await sourceFiles('bench')), ...(await sourceFiles('scripts')), 'playwright.config.ts', 'vitest.config.ts']);
    expect([...documented].filter((name) => !known.has(name) && !new RegExp(`\\b${name}\\b`).test(tooling))).toEqual([]);
  });

  it('every variable the app\'s code names is one the config module knows', async () => {
    const code = await textOf([...(await sourceFiles('app')), ...(await sourceFiles('lib')), 'instrumentation.ts']);
    const named = new Set(
      [
        ...code.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g),
        ...code.matchAll(/process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\]/g),
        ...code.matchAll(/(?:readEnv|envValue|timeoutMs|wholeNumber)\(['"]([A-Z][A-Z0-9_]*)['"]/g),
        ...code.matchAll(/secondsVar: ['"]([A-Z][A-Z0-9_]*)['"]/g),
      ].map((match) => match[1]!),
    );
    // NEXT_RUNTIME is Next.js's own, read literally in instrumentation.ts so the Edge bundle drops the Node-only imports.
    named.delete('NEXT_RUNTIME');
    expect([...named].filter((name) => !(envNames as string[]).includes(name))).toEqual([]);
  });
});

describe('readEnv', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['DB_CONNECT_TIMEOUT_MS', 'LINE_TIMEOUT_MS', 'MAX_REQUEST_BODY_BYTES', 'OUTBOX_TIMER_SECONDS'] as const) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('reads the current value each time, so a value set at run time applies to the next read', () => {
    process.env.MAX_REQUEST_BODY_BYTES = '1000';
    expect(readEnv('MAX_REQUEST_BODY_BYTES')).toBe(1000);
    process.env.MAX_REQUEST_BODY_BYTES = '2000';
    expect(readEnv('MAX_REQUEST_BODY_BYTES')).toBe(2000);
    delete process.env.MAX_REQUEST_BODY_BYTES;
    expect(readEnv('MAX_REQUEST_BODY_BYTES')).toBe(64 * 1024);
  });

  it('throws the error that names the variable and its rule for values a strict setting refuses', () => {
    process.env.DB_CONNECT_TIMEOUT_MS = '1.5';
    expect(() => readEnv('DB_CONNECT_TIMEOUT_MS')).toThrow(/^DB_CONNECT_TIMEOUT_MS must be a positive whole number of milliseconds$/);
    process.env.DB_CONNECT_TIMEOUT_MS = ' ';
    expect(readEnv('DB_CONNECT_TIMEOUT_MS')).toBe(5_000);
    process.env.LINE_TIMEOUT_MS = '60000';
    expect(() => readEnv('LINE_TIMEOUT_MS')).toThrow('LINE_TIMEOUT_MS must be a number of milliseconds from 1 to 30000');
    expect(() => readEnv('REVIEW_REQUEST_DELAY_MINUTES', { REVIEW_REQUEST_DELAY_MINUTES: '-1' })).toThrow('REVIEW_REQUEST_DELAY_MINUTES must be a whole number >= 0');
  });

  it('keeps the lenient settings lenient: a malformed size or hop count is the default, a blank timer is off', () => {
    expect(readEnv('MAX_REQUEST_BODY_BYTES', { MAX_REQUEST_BODY_BYTES: 'lots' })).toBe(64 * 1024);
    expect(readEnv('TRUSTED_PROXY_HOPS', { TRUSTED_PROXY_HOPS: '-2' })).toBe(0);
    expect(readEnv('OUTBOX_TIMER_SECONDS', {})).toBe(30);
    expect(readEnv('OUTBOX_TIMER_SECONDS', { OUTBOX_TIMER_SECONDS: '' })).toBe(0);
    expect(readEnv('EMAIL_FROM', { EMAIL_FROM: '   ' })).toBeUndefined();
    expect(readEnv('CRON_SECRET', { CRON_SECRET: ' 1234' })).toBe(' 1234');
  });

  it('reads STAFF_ADMIN_EMAILS as a list of lowercased emails and refuses anything else', () => {
    expect(readEnv('STAFF_ADMIN_EMAILS', {})).toEqual([]);
    expect(readEnv('STAFF_ADMIN_EMAILS', { STAFF_ADMIN_EMAILS: ' Owner@Venue.Example , ,manager@venue.example ' })).toEqual(['owner@venue.example', 'manager@venue.example']);
    expect(() => readEnv('STAFF_ADMIN_EMAILS', { STAFF_ADMIN_EMAILS: 'owner@venue.example; manager@venue.example' })).toThrow(
      'STAFF_ADMIN_EMAILS must be comma-separated email addresses',
    );
    expect(() => readEnv('STAFF_ADMIN_EMAILS', { STAFF_ADMIN_EMAILS: 'owner' })).toThrow('STAFF_ADMIN_EMAILS must be comma-separated email addresses');
  });
});
