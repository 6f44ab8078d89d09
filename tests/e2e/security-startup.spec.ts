import { expect } from '@playwright/test';
import { test } from './support';
import { startBuiltApp, TEST_SECRETS as SECRETS } from './built-app';

/**
 * Every production start (NODE_ENV=production) refuses to start without its secrets, naming
 * each missing one, whatever its database (the embedded default included) and even with
 * DEV_TOOLS=1; with them it starts and answers, even when its database is down (health says
 * 503). Runs the built app (`next build` first), no browser.
 */

// A database nobody listens on: a deployment's configuration, and down.
const DOWN_DATABASE = { DATABASE_URL: 'postgres://app:secret@127.0.0.1:1/app' };

/** Starts the app and expects it to exit non-zero by itself, naming each of `missing`. */
async function expectRefusal(port: number, env: Record<string, string>, missing: string[]) {
  const server = startBuiltApp(port, env);
  const code = await server.exitWithin(45_000);
  if (code === 'running') await server.stop();
  expect(code, server.output()).not.toBe('running');
  expect(code).not.toBe(0);
  for (const name of missing) expect(server.output()).toMatch(new RegExp(`^Refusing to start: ${name} is not set: .+$`, 'm'));
  for (const name of Object.keys(SECRETS).filter((name) => !missing.includes(name))) expect(server.output()).not.toContain(`${name} is not set`);
}

test.describe('Required secrets at start-up', () => {
  test.describe.configure({ mode: 'serial' });

  test('without CRON_SECRET a production deployment exits non-zero, naming it', async () => {
    await expectRefusal(3111, { ...DOWN_DATABASE, ...SECRETS, CRON_SECRET: '' }, ['CRON_SECRET']);
  });

  test('without any of them it names each one on its own line', async () => {
    await expectRefusal(3112, DOWN_DATABASE, Object.keys(SECRETS));
  });

  test('on the embedded default database a production start needs them just the same', async () => {
    await expectRefusal(3114, { DATA_DIR: '.data/e2e-startup-embedded' }, Object.keys(SECRETS));
    await expectRefusal(3114, { DATA_DIR: '.data/e2e-startup-embedded', ...SECRETS, CRON_SECRET: ' ' }, ['CRON_SECRET']);
  });

  test('DEV_TOOLS=1 relaxes none of them', async () => {
    await expectRefusal(3115, { DATA_DIR: '.data/e2e-startup-embedded', DEV_TOOLS: '1', ...SECRETS, NEXTAUTH_SECRET: '' }, ['NEXTAUTH_SECRET']);
  });

  test('with every secret it starts and answers; health says 503 while the database is down', async () => {
    // A leftover STAFF_PIN (retired by staff accounts) is no reason to refuse a start, but it is said once.
    const server = startBuiltApp(3113, { ...DOWN_DATABASE, ...SECRETS, STAFF_PIN: '482913' });
    try {
      await server.untilHealth(503);
      expect(server.output()).not.toContain('Refusing to start');
      expect(server.output()).toMatch(/^Warning: STAFF_PIN is set but no longer used: .*STAFF_ADMIN_EMAILS.+$/m);
      expect(server.output()).not.toContain('482913');
    } finally {
      await server.stop();
    }
  });
});
