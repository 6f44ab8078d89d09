import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { FIRST_ADMINS, SMTP_STAND_IN_PORT } from './tests/e2e/mailbox';
import { TODAY_SPECS } from './tests/e2e/venue-clock';

/**
 * End-to-end tests: a real Chromium against `next start` (run `next build` first, as
 * `npm run test:e2e` does). The app gets its own embedded PostgreSQL under .data/e2e,
 * wiped before every run, so each run starts from the migrations and the seed.
 *
 * Playwright's own browsers are not downloaded: the tests use a system Chromium,
 * CHROMIUM_PATH or else /usr/bin/chromium. Without one the run fails with a message
 * that says what to do; outside CI, E2E_SKIP_WITHOUT_BROWSER=1 skips the tests instead.
 */

const PORT = 3100;
const BASE_URL = `http://127.0.0.1:${PORT}`;
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

function findChromium(): { executablePath?: string; skipReason?: string } {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist.`);
    return { executablePath: configured };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM };

  const help =
    `No Chromium for the e2e tests: ${SYSTEM_CHROMIUM} does not exist and CHROMIUM_PATH is not set. ` +
    'Install it (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary ' +
    '(`npx playwright install` needs internet access and is not used here).';
  if (process.env.CI === 'true') throw new Error(help);
  if (process.env.E2E_SKIP_WITHOUT_BROWSER !== '1') {
    throw new Error(`${help} To skip the e2e tests instead (never in CI), set E2E_SKIP_WITHOUT_BROWSER=1.`);
  }
  return { skipReason: `Skipped because E2E_SKIP_WITHOUT_BROWSER=1. ${help}` };
}

const chromium = findChromium();
if (chromium.skipReason) {
  // Read by tests/e2e/support.ts, in this process and in the workers it starts.
  process.env.E2E_SKIP_REASON = chromium.skipReason;
  if (!process.env.TEST_WORKER_INDEX) console.warn(`\n${chromium.skipReason}\n`);
}

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  // The SMTP stand-in the app's emails go to (tests/e2e/mailbox.ts reads what it received).
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: true,
  forbidOnly: process.env.CI === 'true',
  retries: 0,
  workers: 2,
  reporter: 'list',
  // The specs that need an evening left of today run last, on a frozen venue clock (tests/e2e/venue-clock.ts).
  projects: [
    { name: 'main', testIgnore: TODAY_SPECS },
    { name: 'venue-clock', testMatch: 'venue-clock.setup.ts', dependencies: ['main'], teardown: 'venue-clock-thaw' },
    { name: 'venue-clock-thaw', testMatch: 'venue-clock.teardown.ts' },
    { name: 'today', testMatch: TODAY_SPECS, dependencies: ['venue-clock'] },
  ],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    locale: 'en-US',
    // Far from Bangkok: the venue's dates must not depend on the browser's time zone.
    timezoneId: 'America/New_York',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: chromium.executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: chromium.skipReason
    ? undefined
    : {
        command: `rm -rf .data/e2e && node_modules/.bin/next start -H 127.0.0.1 -p ${PORT}`,
        url: `${BASE_URL}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        // SIGTERM lets the app stop its embedded PostgreSQL cleanly.
        gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
        stdout: 'pipe',
        stderr: 'pipe',
        env: {
          DATA_DIR: '.data/e2e',
          // The tests are the app's one proxy: each test's client address is in X-Forwarded-For.
          TRUSTED_PROXY_HOPS: '1',
          // NextAuth builds its redirects from this; the same host as baseURL keeps cookies on it.
          NEXTAUTH_URL: BASE_URL,
          // The embedded database, never one configured in the environment or a .env file.
          DATABASE_URL: '',
          SUPABASE_URL: '',
          SUPABASE_SERVICE_ROLE_KEY: '',
          NEXT_TELEMETRY_DISABLED: '1',
          // Every production start needs its secrets, the embedded database included; test-only values.
          NEXTAUTH_SECRET: 'e2e-only-nextauth-secret-0123456789abcdef',
          CRON_SECRET: 'e2e-only-cron-secret-0123456789abcdef',
          // The venue's first admins, one per spec that signs one in (tests/e2e/mailbox.ts).
          STAFF_ADMIN_EMAILS: Object.values(FIRST_ADMINS).join(','),
          // The local LIFF sign-in, /dev/outbox and recorded messages, with the banner on every page.
          DEV_TOOLS: '1',
          // Emails go to the SMTP stand-in (tests/e2e/global-setup.ts); the other messages are recorded.
          SMTP_URL: `smtp://127.0.0.1:${SMTP_STAND_IN_PORT}`,
          EMAIL_FROM: 'Golf Bay Bangkok <bookings@example.com>',
        },
      },
});
