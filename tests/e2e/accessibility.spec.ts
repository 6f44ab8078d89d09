import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { FIRST_ADMINS, signInWithEmailCode, waitForEmail } from './mailbox';
import { bangkokDate, bookViaApi, findFreeRun, horizontalOverflow, newGuest, randomInt, skipWithoutBrowser, submitGuestSignIn, test, uniqueClientAddress } from './support';

skipWithoutBrowser();

/*
 * Issue 15's "done when": every page passes axe-core (WCAG 2.1 A and AA, and the best practices
 * such as `region`: all content inside landmarks) with zero violations at a phone's and a
 * laptop's size, in English and in Thai; and each of those pages is photographed, full page,
 * under test-results/screenshots/ (ignored by git) for a reviewer to look at.
 * Any violation fails its test, listed as page, rule, target and summary.
 */

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;
const LOCALES = ['en', 'th'] as const;
type Size = (typeof SIZES)[number];
type Locale = (typeof LOCALES)[number];

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const SCREENSHOTS = path.resolve(__dirname, '../..', 'test-results/screenshots');
const FIRST_ADMIN = FIRST_ADMINS.accessibility;
/** The seed's LINE user (tests/e2e/lucky-draw.spec.ts spins as them; signing in spends nothing). */
const DEMO_LINE_USER_ID = 'U00000000000000000000000000demo01';

interface Visit {
  /** Names the page in failures and in its screenshot's file name. */
  name: string;
  path: string;
  /** After the page settled: what brings it to the state to check (e.g. a sign-in). */
  then?: (page: Page) => Promise<void>;
}

/** Waits until the page has shown what it loads in the browser (its requests are done, fonts in). */
async function settle(page: Page) {
  // The day sheet polls every 2.5 s; networkidle needs 0.5 s of quiet, which it has between polls.
  await page.waitForLoadState('networkidle', { timeout: 10_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** Visits each page at `size` in `locale`: a full-page screenshot, then axe; returns the violations found. */
async function checkPages(page: Page, size: Size, locale: Locale, visits: Visit[]): Promise<string[]> {
  await page.setViewportSize({ width: size.width, height: size.height });
  await page.context().addCookies([{ name: 'locale', value: locale, url: test.info().project.use.baseURL! }]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const found: string[] = [];
  for (const visit of visits) {
    const started = Date.now();
    await page.goto(visit.path);
    await settle(page);
    if (visit.then) {
      await visit.then(page);
      await settle(page);
    }
    await expect(page.locator('html'), `${visit.name}: the page is in the chosen language`).toHaveAttribute('lang', locale);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${visit.name}.${size.name}.${locale}.png`), fullPage: true });
    const { violations, passes } = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    // Zero violations must mean axe looked at the page, not that it ran no rules.
    expect(passes.length, `${visit.name}: axe ran its rules`).toBeGreaterThan(10);
    for (const violation of violations) {
      for (const node of violation.nodes) {
        found.push(`${visit.name} (${visit.path}, ${size.name}, ${locale}): ${violation.id} at ${node.target.join(' ')}: ${violation.help}`);
      }
    }
    // What each page costs, for keeping the spec fast (the list reporter prints it).
    console.log(`a11y ${visit.name}.${size.name}.${locale}: ${Date.now() - started} ms`);
  }
  return found;
}

const guestPages: Visit[] = [
  { name: 'home', path: '/' },
  { name: 'book', path: '/book' },
  // A demo session's result (nothing booked) and a real reference without its link (nothing shown).
  { name: 'book-confirmed-demo', path: '/book/confirmed?ref=DEMO-0A1B2C3D' },
  { name: 'book-confirmed-unknown', path: '/book/confirmed?ref=BK261202ZZZZZZZZ' },
  { name: 'book-manage-no-link', path: '/book/manage' },
  { name: 'login', path: '/login' },
  { name: 'liff-lucky-draw', path: '/liff/lucky-draw' },
  {
    name: 'liff-lucky-draw-signed-in',
    path: '/liff/lucky-draw',
    then: async (page) => {
      const devSignIn = page.getByTestId('ld-dev-sign-in');
      await devSignIn.locator('input').fill(DEMO_LINE_USER_ID);
      await devSignIn.locator('button[type="submit"]').click();
      await expect(page.getByTestId('ld-wheel-segment').first()).toBeVisible();
    },
  },
  { name: 'dev-outbox', path: '/dev/outbox' },
  { name: 'not-found', path: '/no-such-page' },
  // Last: the concierge session stays for the rest of the browser's visit.
  { name: 'home-vip-session', path: '/?vip=MIAMI2024', then: (page) => expect(page.getByTestId('vip-banner')).toContainText('Luxury Resort Miami') },
];

const memberPages: Visit[] = [
  { name: 'vip', path: '/vip' },
  { name: 'vip-bookings', path: '/vip/bookings' },
  { name: 'vip-packages', path: '/vip/packages' },
  { name: 'vip-profile', path: '/vip/profile' },
  { name: 'vip-link', path: '/vip/link' },
];

const staffPages: Visit[] = [
  { name: 'staff-day-sheet', path: '/staff' },
  { name: 'staff-team', path: '/staff/team' },
  { name: 'staff-redeem', path: '/staff/redeem' },
  {
    name: 'admin-outbox',
    path: '/admin/outbox',
    // The jobs (the booking made below has its reminder queued) fit the width: cards on a phone, a table wider.
    then: async (page) => {
      const phone = (page.viewportSize()?.width ?? 0) < 640;
      await expect(phone ? page.locator('main ul li').first() : page.locator('main table tbody tr').first()).toBeVisible();
      await expect(page.locator('main table')).toBeVisible({ visible: !phone });
      expect(await horizontalOverflow(page), 'horizontal overflow of /admin/outbox, in px').toBeLessThanOrEqual(0);
    },
  },
];

/** A new browser context (English until checkPages sets the language) from its own client address. */
async function newVisitor(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ extraHTTPHeaders: { 'X-Forwarded-For': uniqueClientAddress() } });
  return { context, page: await context.newPage() };
}

for (const size of SIZES) {
  for (const locale of LOCALES) {
    test(`guest pages pass axe at ${size.name} size in ${locale}`, async ({ browser }) => {
      test.setTimeout(120_000);
      const { context, page } = await newVisitor(browser);
      // A guest's booking, opened through its emailed manage link, and its confirmation page.
      const guest = newGuest(`a11y ${size.name} ${locale}`);
      const since = Date.now();
      const date = bangkokDate(randomInt(56, 59));
      const booked = await bookViaApi(page.request, { date, ...(await findFreeRun(page.request, date, 1, '10:00')) }, { guest });
      expect(booked.status, JSON.stringify(booked.body)).toBe(200);
      const email = await waitForEmail({ to: guest.email, subject: 'Booking confirmed', since });
      const manageLink = email.links.find((link) => link.includes('/book/manage'));
      expect(manageLink, email.text).toBeTruthy();
      const manage = new URL(manageLink!);
      const visits: Visit[] = [...guestPages, { name: 'book-manage', path: `${manage.pathname}${manage.search}${manage.hash}` }];

      const violations = await checkPages(page, size, locale, visits);
      await context.close();
      expect(violations, violations.join('\n')).toEqual([]);
    });

    test(`member pages pass axe at ${size.name} size in ${locale}`, async ({ browser }) => {
      test.setTimeout(90_000);
      const { context, page } = await newVisitor(browser);
      // A member by the login page's guest sign-in (in English: checkPages sets the language after).
      await page.goto('/login');
      const guest = newGuest(`a11y member ${size.name} ${locale}`);
      await submitGuestSignIn(page, guest);
      await page.waitForURL((url) => url.pathname !== '/login');
      const date = bangkokDate(randomInt(56, 59));
      const booked = await bookViaApi(page.request, { date, ...(await findFreeRun(page.request, date, 1, '14:00')) }, { guest });
      expect(booked.status, JSON.stringify(booked.body)).toBe(200);
      const visits: Visit[] = [...memberPages, { name: 'book-confirmed-member', path: `/book/confirmed?ref=${String(booked.body.bookingReference)}` }];

      const violations = await checkPages(page, size, locale, visits);
      await context.close();
      expect(violations, violations.join('\n')).toEqual([]);
    });
  }
}

// One test for the staff screens, signed in once (an admin of its own: a new emailed code ends the last one).
test('staff and admin pages pass axe at both sizes in both languages', async ({ browser }) => {
  // Sixteen pages with axe on each (the day sheet and a full outbox are large): minutes on a busy machine.
  test.setTimeout(360_000);
  const { context, page } = await newVisitor(browser);
  // A booking, so the outbox lists jobs (its reminder waits for its day).
  const date = bangkokDate(randomInt(56, 59));
  const booked = await bookViaApi(page.request, { date, ...(await findFreeRun(page.request, date, 1, '10:00')) });
  expect(booked.status, JSON.stringify(booked.body)).toBe(200);
  await page.goto('/login?callbackUrl=/staff');
  await signInWithEmailCode(page, FIRST_ADMIN);
  await page.waitForURL((url) => url.pathname === '/staff', { timeout: 10_000 });
  const violations: string[] = [];
  for (const size of SIZES) {
    for (const locale of LOCALES) violations.push(...(await checkPages(page, size, locale, staffPages)));
  }
  await context.close();
  expect(violations, violations.join('\n')).toEqual([]);
});
