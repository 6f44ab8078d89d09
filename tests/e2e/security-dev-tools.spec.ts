import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { startBuiltApp, TEST_SECRETS, type BuiltApp } from './built-app';
import { skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

/**
 * The attack of issue 12: on `next start` over the embedded default database, /dev/outbox
 * showed emailed link codes and phone numbers and POST /api/liff/dev-token minted a LINE ID
 * token for any user, enough to link a guest account to a real customer and spin that
 * customer's draws. Two starts of the built app on one data dir: first with DEV_TOOLS=1 (the
 * tools work and every page says so), then as production runs it (none of them exists, and
 * the token minted before is refused).
 */

const DATA_DIR = '.data/e2e-dev-tools';
const DEMO_LINE_USER = 'U00000000000000000000000000demo01';
const BANNER = 'data-testid="dev-tools-banner"';

/** Every page of the app (app/**\/page.tsx), as a path; a 404 page besides. */
function everyPage(): string[] {
  const appDir = path.resolve(__dirname, '../../app');
  const pages = (readdirSync(appDir, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === 'page.tsx')
    .map((file) => {
      const route = path.dirname(file).split(path.sep).filter((part) => part !== '.' && !/^\(.*\)$/.test(part));
      if (route.some((part) => part.startsWith('['))) throw new Error(`${file}: give this dynamic page a sample path here`);
      return `/${route.join('/')}`;
    });
  return [...pages.sort(), '/no-such-page'];
}

async function html(app: BuiltApp, pagePath: string, locale = 'en'): Promise<{ status: number; body: string }> {
  const response = await fetch(`${app.url}${pagePath}`, { headers: { cookie: `locale=${locale}` } });
  return { status: response.status, body: await response.text() };
}

const mintToken = (app: BuiltApp) =>
  fetch(`${app.url}/api/liff/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ lineUserId: DEMO_LINE_USER }),
  });

const liffMe = (app: BuiltApp, token: string) => fetch(`${app.url}/api/liff/me`, { headers: { authorization: `Bearer ${token}` } });

test.describe('Developer tools in a production build', () => {
  test.describe.configure({ mode: 'serial' });
  // Each test starts the built app on the embedded database (the first one migrates it).
  test.setTimeout(180_000);

  let minted: { token: string; customerId: string } | undefined;

  test.beforeAll(() => rmSync(path.resolve(__dirname, '../..', DATA_DIR), { recursive: true, force: true }));

  test('with DEV_TOOLS=1 they work, and every page shows the banner, in English and Thai', async ({ page }) => {
    const app = startBuiltApp(3121, { DATA_DIR, DEV_TOOLS: '1', ...TEST_SECRETS });
    try {
      await app.untilHealth(200);

      const outbox = await html(app, '/dev/outbox');
      expect(outbox.status).toBe(200);
      expect(outbox.body).toContain('Recorded messages');

      const response = await mintToken(app);
      expect(response.status).toBe(200);
      const { idToken } = (await response.json()) as { idToken: string };
      const me = await liffMe(app, idToken);
      expect(me.status).toBe(200);
      const profile = (await me.json()) as { lineUserId: string; customerId: string };
      expect(profile.lineUserId).toBe(DEMO_LINE_USER);
      minted = { token: idToken, customerId: profile.customerId };

      for (const pagePath of everyPage()) {
        const en = await html(app, pagePath);
        expect(en.status, pagePath).toBeLessThan(500);
        expect(en.body, pagePath).toContain(BANNER);
        expect(en.body, pagePath).toContain('aria-label="Developer tools"');
        const th = await html(app, pagePath, 'th');
        expect(th.body, pagePath).toContain('aria-label="เครื่องมือสำหรับนักพัฒนา"');
      }

      // In a browser: a named landmark that says what is on, and the local sign-in is offered.
      await page.goto(`${app.url}/liff/lucky-draw`);
      const banner = page.getByRole('region', { name: 'Developer tools' });
      await expect(banner).toBeVisible();
      await expect(banner).toContainText('Developer tools are on (DEV_TOOLS=1).');
      await expect(banner.getByRole('link', { name: 'Recorded messages' })).toHaveAttribute('href', '/dev/outbox');
      await expect(page.getByTestId('ld-dev-sign-in').getByRole('heading', { name: 'Local sign-in (development only)' })).toBeVisible();
      await page.context().addCookies([{ name: 'locale', value: 'th', url: app.url }]);
      await page.goto(`${app.url}/`);
      await expect(page.getByRole('region', { name: 'เครื่องมือสำหรับนักพัฒนา' })).toContainText('เปิดเครื่องมือสำหรับนักพัฒนาอยู่');
    } finally {
      await app.stop();
    }
  });

  test('without DEV_TOOLS, on the same embedded database, none of them exists and the token minted before is refused', async ({ page }) => {
    expect(minted, 'the first test minted a token').toBeDefined();
    const app = startBuiltApp(3122, { DATA_DIR, ...TEST_SECRETS });
    try {
      await app.untilHealth(200);

      const outbox = await html(app, '/dev/outbox');
      expect(outbox.status).toBe(404);
      expect(outbox.body).not.toContain('Recorded messages');

      const response = await mintToken(app);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'NOT_FOUND', path: '/api/liff/dev-token' });

      // The token signed with the local channel's secret, still under DATA_DIR, opens nothing.
      const me = await liffMe(app, minted!.token);
      expect(me.status).toBe(401);
      const spin = await fetch(`${app.url}/api/liff/spin`, {
        method: 'POST',
        headers: { authorization: `Bearer ${minted!.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ customerId: minted!.customerId, lineUserId: DEMO_LINE_USER }),
      });
      expect(spin.status).toBe(401);

      for (const pagePath of everyPage()) {
        const { status, body } = await html(app, pagePath);
        expect(status, pagePath).toBeLessThan(500);
        expect(body, pagePath).not.toContain(BANNER);
      }

      // No local sign-in: the LIFF screen only asks to be opened from LINE.
      await page.goto(`${app.url}/liff/lucky-draw`);
      await expect(page.getByRole('status').filter({ hasText: 'Open this page from the venue’s LINE account to play the lucky draw.' })).toBeVisible();
      await expect(page.getByTestId('ld-dev-sign-in')).toHaveCount(0);
      await expect(page.getByRole('heading', { name: 'Local sign-in (development only)' })).toHaveCount(0);
      await expect(page.getByRole('region', { name: 'Developer tools' })).toHaveCount(0);
    } finally {
      await app.stop();
    }
  });
});
