import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type Request } from '@playwright/test';
import { formatVenueDate } from '../../lib/i18n/format-venue-date';
import { bangkokDate, horizontalOverflow, skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

/*
 * Issue 15 on the home page: every bay at a glance on a phone (a bay switcher) and the grid on
 * wider screens, a date change is one network request, a compact keyboard path to any slot
 * after a skip link, AA contrast for every status, dates in the chosen language, and the
 * page's JavaScript within its budget. Both sizes, both languages; screenshots under
 * test-results/home-grid/ for a reviewer.
 */

const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  { name: 'desktop', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false },
] as const;
const LOCALES = ['en', 'th'] as const;
const SHOTS = path.resolve(__dirname, '../..', 'test-results/home-grid');
const SKIP_LABEL = { en: 'Skip to main content', th: 'ข้ามไปยังเนื้อหาหลัก' };
/** The seed's four bays (names in the API, whatever language the page shows them in). */
const BAY_COUNT = 4;

/** The day's view for this size: the bay switcher on a phone, the grid on a desktop. */
const dayView = (page: Page, phone: boolean) => page.getByTestId(phone ? 'bay-switcher' : 'availability-grid');

/** The bay buttons in order: the switcher's on a phone, the grid heading's on a desktop. */
const bayButtons = (page: Page, phone: boolean) => dayView(page, phone).locator(phone ? 'button' : 'thead button');

/** Waits until the date shown (the localized box) and the loaded day are `date`. */
async function showsDate(page: Page, date: string, locale: 'en' | 'th', phone: boolean) {
  await expect(page.getByTestId('date-shown')).toHaveText(formatVenueDate(date, locale));
  // A screen reader hears the day shown (a live status), not the whole grid again.
  await expect(page.getByRole('status').filter({ hasText: formatVenueDate(date, locale) })).toHaveText(`${locale === 'en' ? 'Bay availability' : 'เบย์ที่ว่าง'}: ${formatVenueDate(date, locale)}`);
  await expect(page.locator('input[name="date"]')).toHaveValue(date);
  await expect(dayView(page, phone)).toBeVisible();
  // The grid's caption is its date; the switcher's links carry it.
  if (!phone) await expect(page.getByTestId('availability-grid').locator('caption')).toHaveText(date);
}

/** A free hour of `bayIndex`'s bay on `date`, not the day's first, from the live availability. */
async function freeLaterHour(page: Page, date: string, bayIndex: number): Promise<{ bay: string; time: string }> {
  const response = await page.request.get(`/api/availability?date=${date}`);
  expect(response.status()).toBe(200);
  const { availableSlots } = (await response.json()) as { availableSlots: { bay: string; startTime: string; available: boolean }[] };
  const bays = [...new Set(availableSlots.map((slot) => slot.bay))];
  const bay = bays[bayIndex]!;
  const ofBay = availableSlots.filter((slot) => slot.bay === bay);
  const slot = ofBay.slice(3).find((candidate) => candidate.available);
  expect(slot, `a free hour of ${bay} on ${date} after its first three`).toBeTruthy();
  return { bay, time: slot!.startTime };
}

/** Presses Tab until `target` has the focus; returns how many presses that took (fails after `limit`). */
async function tabTo(page: Page, target: Locator, limit: number): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return presses;
  }
  throw new Error(`not focused within ${limit} Tab presses: ${String(target)}`);
}

for (const size of SIZES) {
  const phone = size.name === 'phone';
  for (const locale of LOCALES) {
    test.describe(`home page, ${size.name}, ${locale}`, () => {
      test.use({ viewport: size.viewport, isMobile: size.isMobile, hasTouch: size.hasTouch });
      test.beforeEach(async ({ context, baseURL }) => {
        await context.addCookies([{ name: 'locale', value: locale, url: baseURL! }]);
      });

      test('every bay with its price is on screen, the date reads in the language, and each status has AA contrast', async ({ page }) => {
        const tomorrow = bangkokDate(1);
        await page.goto('/');
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await showsDate(page, bangkokDate(0), locale, phone);
        await page.getByRole('button', { name: locale === 'en' ? 'Next day' : 'วันถัดไป' }).click();
        await showsDate(page, tomorrow, locale, phone);

        // Every bay at a glance: its button is in the viewport, with a price; nothing scrolls sideways.
        const buttons = bayButtons(page, phone);
        await expect(buttons).toHaveCount(BAY_COUNT);
        for (let index = 0; index < BAY_COUNT; index += 1) {
          const button = buttons.nth(index);
          if (phone) await expect(button).toBeInViewport({ ratio: 1 });
          else await expect(button).toBeVisible();
          await expect(button).toContainText('฿');
        }
        expect(await horizontalOverflow(page), 'horizontal overflow of the page, in px').toBeLessThanOrEqual(0);
        if (!phone) {
          const scroller = page.getByTestId('availability-grid').locator('xpath=..');
          const overflow = await scroller.evaluate((element) => element.scrollWidth - element.clientWidth);
          expect(overflow, 'the grid fits its box: no hidden bays to scroll to').toBeLessThanOrEqual(0);
        }
        // No date in the browser's numeric format on the page: the date is the language's own.
        await expect(page.locator('main')).not.toContainText(/\d{1,2}\/\d{1,2}\/\d{4}/);
        if (locale === 'th') await expect(page.getByTestId('date-shown')).toContainText(String(Number(tomorrow.slice(0, 4)) + 543));

        // Seed: the last bay (AI Lab) is booked 15:00-17:00 tomorrow: its hours say Taken, in AA contrast.
        await buttons.nth(BAY_COUNT - 1).click();
        await expect(buttons.nth(BAY_COUNT - 1)).toHaveAttribute('aria-pressed', 'true');
        const taken = phone
          ? page.getByTestId('bay-hours').locator('li[data-time="15:00"]')
          : page.getByTestId('availability-grid').locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: '15:00', exact: true }) }).locator('td').nth(BAY_COUNT - 1);
        await expect(taken).toHaveAttribute('data-status', 'taken');
        await expect(taken).toContainText(locale === 'en' ? 'Taken' : 'ไม่ว่าง');
        const axeOnDay = () => new AxeBuilder({ page }).include(phone ? '[data-testid="bay-switcher"]' : '[data-testid="availability-grid"]').withRules(['color-contrast']).analyze();
        expect((await axeOnDay()).violations).toEqual([]);

        mkdirSync(SHOTS, { recursive: true });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await page.screenshot({ path: path.join(SHOTS, `tomorrow.${size.name}.${locale}.png`), fullPage: true });

        // A past day: every hour says Past, also in AA contrast.
        await page.locator('input[name="date"]').fill(bangkokDate(-1));
        await showsDate(page, bangkokDate(-1), locale, phone);
        await expect(dayView(page, phone).locator('[data-status="past"]').first()).toBeVisible();
        expect((await axeOnDay()).violations).toEqual([]);
      });

      test('a date change makes exactly one request, to /api/availability', async ({ page }) => {
        await page.goto('/');
        await showsDate(page, bangkokDate(0), locale, phone);
        await page.waitForLoadState('networkidle');
        const seen: Request[] = [];
        page.on('request', (request) => seen.push(request));

        const next = page.getByRole('button', { name: locale === 'en' ? 'Next day' : 'วันถัดไป' });
        for (const days of [1, 2, 3]) {
          seen.length = 0;
          await next.click();
          await showsDate(page, bangkokDate(days), locale, phone);
          // Quiet for half a second: anything the change set off (prefetches included) has started.
          await page.waitForLoadState('networkidle');
          await page.waitForTimeout(500);
          expect(seen.map((request) => request.url())).toEqual([expect.stringMatching(/\/api\/availability\?date=/)]);
          expect(new URL(seen[0]!.url()).pathname).toBe('/api/availability');
          expect(new URL(seen[0]!.url()).searchParams.get('date')).toBe(bangkokDate(days));
        }

        // Back to a day already seen: still one request, revalidated with the ETag the browser kept.
        seen.length = 0;
        await page.getByRole('button', { name: locale === 'en' ? 'Previous day' : 'วันก่อนหน้า' }).click();
        await showsDate(page, bangkokDate(2), locale, phone);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(500);
        expect(seen.map((request) => new URL(request.url()).pathname)).toEqual(['/api/availability']);
        const conditional = (await seen[0]!.allHeaders())['if-none-match'];
        const status = (await seen[0]!.response())?.status();
        expect(Boolean(conditional) || status === 304, `revalidated: If-None-Match ${conditional}, status ${status}`).toBe(true);

        // Choosing another bay, or pointing at a free hour, is no request at all (nothing prefetches).
        seen.length = 0;
        await bayButtons(page, phone).nth(2).click();
        await expect(bayButtons(page, phone).nth(2)).toHaveAttribute('aria-pressed', 'true');
        if (!phone) await page.getByTestId('availability-grid').locator('tbody a').nth(5).hover();
        await page.waitForTimeout(500);
        expect(seen.map((request) => request.url())).toEqual([]);
      });

      test("the keyboard alone reaches a later hour of the third bay and books it, after the skip link", async ({ page }) => {
        const date = bangkokDate(45);
        const target = await freeLaterHour(page, date, 2);
        await page.goto('/');
        await showsDate(page, bangkokDate(0), locale, phone);

        // The first Tab stop is the skip link; it jumps past the banners and the header to the main content.
        await page.keyboard.press('Tab');
        const skip = page.getByRole('link', { name: SKIP_LABEL[locale] });
        await expect(skip).toBeFocused();
        await expect(skip).toBeInViewport();
        await page.keyboard.press('Enter');
        await expect(page.locator('main#main')).toBeFocused();

        // The date by typing is the date box's own business; here it is set, and the keys take over from it.
        await page.locator('input[name="date"]').fill(date);
        await showsDate(page, date, locale, phone);
        const third = bayButtons(page, phone).nth(2);
        // From the date box (its day, month and year parts are Tab stops of their own): next day, Today, then the bays.
        const toBay = await tabTo(page, third, 10);
        await page.keyboard.press(phone ? 'Space' : 'Enter');
        await expect(third).toHaveAttribute('aria-pressed', 'true');
        const link = phone
          ? page.getByTestId('bay-hours').locator(`li[data-time="${target.time}"] a`)
          : page.getByTestId('availability-grid').locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: target.time, exact: true }) }).locator('td').nth(2).locator('a');
        // A compact Tab order: the bays, then the chosen bay's hours, never every free cell of the day.
        const toHour = await tabTo(page, link, BAY_COUNT + 13);
        test.info().annotations.push({ type: 'tab stops', description: `${toBay} to the third bay, then ${toHour} to ${target.time}` });
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => url.pathname === '/book' && url.searchParams.get('time') === target.time);
        const url = new URL(page.url());
        expect(url.searchParams.get('bay')).toBe(target.bay);
        expect(url.searchParams.get('date')).toBe(date);
      });

      test('the page is in landmarks, with one main and a working skip link', async ({ page }) => {
        await page.goto('/');
        await showsDate(page, bangkokDate(0), locale, phone);
        await expect(page.getByRole('banner')).toBeVisible();
        await expect(page.getByRole('main')).toHaveCount(1);
        await expect(page.getByRole('navigation', { name: locale === 'en' ? 'Main menu' : 'เมนูหลัก' })).toBeVisible();
        // The concierge bar's landmark is the "a11y" helper's (tests/e2e/accessibility.spec.ts checks the whole page).
        const { violations } = await new AxeBuilder({ page })
          .exclude('[data-testid="vip-banner"]')
          .withRules(['region', 'landmark-one-main', 'landmark-unique', 'bypass', 'skip-link', 'color-contrast'])
          .analyze();
        expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
        mkdirSync(SHOTS, { recursive: true });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await page.screenshot({ path: path.join(SHOTS, `today.${size.name}.${locale}.png`), fullPage: true });
      });
    });
  }
}

/**
 * Files of Next's and React's runtime (build-manifest.json's rootMainFiles): the same on every
 * page of the app, whatever the page does. The budget is the home page's own JavaScript on top.
 */
function frameworkFiles(): Set<string> {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../.next/build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };
  return new Set(manifest.rootMainFiles.map((file) => `/_next/${file}`));
}

/** The budget of #15: the home page's own JavaScript (gzip) stays within what it was, about 117 KB. */
const HOME_JS_BUDGET_KB = 117;

test('the home page loads at most 117 KB (gzip) of its own JavaScript', async ({ page }) => {
  const scripts = new Map<string, Promise<number>>();
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const url = new URL(response.url());
    if (!scripts.has(url.pathname)) scripts.set(url.pathname, response.body().then((body) => gzipSync(body).length));
  });
  await page.goto('/');
  await expect(page.getByTestId('availability-grid')).toBeVisible();
  await page.waitForLoadState('networkidle');

  const framework = frameworkFiles();
  let own = 0;
  let runtime = 0;
  for (const [file, size] of scripts) {
    if (framework.has(file)) runtime += await size;
    else own += await size;
  }
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  const figure = `home page JavaScript, gzip: ${kb(own)} KB its own + ${kb(runtime)} KB Next/React runtime = ${kb(own + runtime)} KB in ${scripts.size} files`;
  test.info().annotations.push({ type: 'js budget', description: figure });
  console.log(figure);
  expect(runtime, 'the runtime files were found among the scripts').toBeGreaterThan(0);
  expect(kb(own), figure).toBeLessThanOrEqual(HOME_JS_BUDGET_KB);
});
