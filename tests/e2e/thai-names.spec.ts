import path from 'node:path';
import { expect } from '@playwright/test';
import { skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

/** Written for a reviewer to look at (test-results/ is not committed). */
const SCREENSHOTS = path.resolve(__dirname, '../..', 'test-results/screenshots/thai-names');

/**
 * Data in both languages (#15 item 5) and one brand (item 6) as a Thai visitor sees them: the
 * seed's Thai bay and prize names (public.bays.name_th, lucky_draw_prizes.name_th) on the home
 * page's bay switcher and the lucky-draw wheel, under the venue's one name from venue settings.
 * Nothing is booked or spun here (lucky-draw.spec.ts owns the demo customer's draws).
 */
test.describe('Thai names from the data', () => {
  test.beforeEach(async ({ context, baseURL }) => {
    await context.addCookies([{ name: 'locale', value: 'th', url: baseURL! }]);
  });

  test('the phone home page names the bays in Thai under the venue name, with its logo and brand colour', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Golf Bay Bangkok');
    await expect(heading.locator('img')).toHaveAttribute('src', '/icon.svg');
    await expect(page).toHaveTitle(/Golf Bay Bangkok/);
    // The brand palette arrives as CSS variables from public.venue_settings.
    expect(await page.evaluate(() => document.documentElement.style.getPropertyValue('--brand-600'))).toBe('35 114 58');

    const switcher = page.getByTestId('bay-switcher');
    for (const name of ['เบย์ 1', 'เบย์ 2', 'เบย์ 3', 'ห้อง AI Lab']) await expect(switcher.getByRole('button', { name: new RegExp(name) })).toBeVisible();
    await expect(switcher.getByRole('button', { name: /^Bay 1/ })).toHaveCount(0);
    await expect(page.getByText('เวลาของ เบย์ 1')).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home.phone.th.png'), fullPage: true });
  });

  test("the lucky-draw wheel shows the prizes' Thai names", async ({ page }) => {
    await page.goto('/liff/lucky-draw');
    const devSignIn = page.getByTestId('ld-dev-sign-in');
    // The first button fills in the seed's demo LINE user; the submit button signs in with it.
    await devSignIn.getByRole('button').first().click();
    await devSignIn.locator('button[type="submit"]').click();
    await expect(page.getByRole('heading', { name: 'เข้าสู่ระบบในชื่อ Demo LINE Golfer' })).toBeVisible();
    await expect(page.getByTestId('ld-wheel-segment')).toHaveCount(6);
    const labels = (await page.getByTestId('ld-wheel-label').allTextContents()).join(' ');
    for (const name of ['หมวกกอล์ฟ', 'คูปองเครื่องดื่ม', 'ผ้าเช็ดกอล์ฟ']) expect(labels).toContain(name);
    expect(labels).not.toContain('Golf Hat');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'lucky-draw.th.png'), fullPage: true });
  });
});
