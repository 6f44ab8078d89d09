import { expect } from '@playwright/test';
import { bangkokDate, bayNames, gridFor, skipWithoutBrowser, slotCell, test } from './support';

skipWithoutBrowser();

test.describe('availability grid', () => {
  test('shows the seeded bays for today and free slots a week ahead', async ({ page }) => {
    const today = bangkokDate(0);
    const weekAhead = bangkokDate(7);
    await page.goto('/');

    await expect(page.getByRole('heading', { level: 1, name: 'Golf Bay Bangkok' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Bay availability' })).toBeVisible();

    const dateInput = page.locator('input[name="date"]');
    await expect(dateInput).toHaveValue(today);
    // Today is the earliest date: the previous-day button is off.
    await expect(page.getByRole('button', { name: 'Previous day' })).toBeDisabled();

    const todayGrid = await gridFor(page, today);
    expect(await bayNames(todayGrid)).toEqual(['Bay 1', 'Bay 2', 'Bay 3', 'AI Lab']);
    await expect(todayGrid.getByRole('columnheader', { name: /Bay 1/ })).toBeVisible();
    await expect(todayGrid.getByRole('columnheader', { name: /AI Lab/ })).toBeVisible();
    // Open 10:00–23:00: hourly start times from 10:00 to 22:00.
    await expect(todayGrid.getByRole('rowheader')).toHaveText(Array.from({ length: 13 }, (_, i) => `${String(10 + i).padStart(2, '0')}:00`));

    await dateInput.fill(weekAhead);
    const grid = await gridFor(page, weekAhead);
    await expect(dateInput).toHaveValue(weekAhead);
    await expect(page.getByRole('button', { name: 'Previous day' })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Today' })).toBeVisible();

    // Nothing is booked a week ahead: every cell is free, with a price.
    await expect(grid.locator('td[data-available="false"]')).toHaveCount(0);
    const cell = await slotCell(grid, 'Bay 1', '18:00');
    await expect(cell).toHaveAttribute('data-available', 'true');
    await expect(cell).toContainText('Free');
    await expect(cell).toContainText(/฿[\d,]+\/hour/);
    await expect(await slotCell(grid, 'AI Lab', '10:00')).toHaveAttribute('data-available', 'true');

    // Back to today with the Today button.
    await page.getByRole('button', { name: 'Today' }).click();
    await gridFor(page, today);
    await expect(dateInput).toHaveValue(today);
  });

  test("shows the seeded bookings on tomorrow's date as taken", async ({ page }) => {
    const tomorrow = bangkokDate(1);
    await page.goto('/');
    await gridFor(page, bangkokDate(0));

    await page.getByRole('button', { name: 'Next day', exact: true }).click();
    await expect(page.locator('input[name="date"]')).toHaveValue(tomorrow);
    const grid = await gridFor(page, tomorrow);

    // Seed: Bay 1 is booked 18:00–20:00 tomorrow.
    for (const time of ['18:00', '19:00']) {
      const taken = await slotCell(grid, 'Bay 1', time);
      await expect(taken).toHaveAttribute('data-available', 'false');
      await expect(taken).toContainText('Taken');
    }
    const free = await slotCell(grid, 'Bay 1', '20:00');
    await expect(free).toHaveAttribute('data-available', 'true');
    await expect(free).toContainText('Free');
    // Seed: AI Lab 15:00–17:00 is booked too, but not the same time in Bay 1.
    await expect(await slotCell(grid, 'AI Lab', '15:00')).toHaveAttribute('data-available', 'false');
    await expect(await slotCell(grid, 'Bay 1', '15:00')).toHaveAttribute('data-available', 'true');

    // The same date typed into the input gives the same grid.
    await page.goto('/');
    await page.locator('input[name="date"]').fill(tomorrow);
    const typed = await gridFor(page, tomorrow);
    await expect(await slotCell(typed, 'Bay 1', '18:00')).toHaveAttribute('data-available', 'false');
  });

  test('a date typed while the page is still loading is the day it shows once it runs', async ({ page }) => {
    // The page's scripts are held back until the date is typed, as on a slow phone connection.
    let releaseScripts!: () => void;
    const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve));
    await page.route('**/_next/static/chunks/**', async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    const weekAhead = bangkokDate(7);
    // Only the page's HTML: its scripts would hold the load events back.
    await page.goto('/', { waitUntil: 'commit' });
    await page.locator('input[name="date"]').fill(weekAhead);
    releaseScripts();

    const grid = await gridFor(page, weekAhead);
    await expect(page.locator('input[name="date"]')).toHaveValue(weekAhead);
    await expect(await slotCell(grid, 'Bay 1', '18:00')).toHaveAttribute('data-available', 'true');
  });

  test('switches to Thai and keeps the grid', async ({ page }) => {
    await page.goto('/');
    await gridFor(page, bangkokDate(0));

    await page.getByRole('button', { name: 'ภาษาไทย' }).click();

    // The venue's name is its own in both languages (the seed has no Thai name); the page around it is Thai.
    await expect(page.getByRole('heading', { level: 2, name: 'เบย์ที่ว่าง' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Golf Bay Bangkok' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'th');
    await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'เข้าสู่ระบบ' })).toBeVisible();

    const grid = await gridFor(page, bangkokDate(0));
    await expect(grid.getByRole('columnheader', { name: 'เวลา' })).toBeVisible();
    // The bays' names are data in both languages (public.bays.name_th, the seed's Thai texts).
    expect(await bayNames(grid)).toEqual(['เบย์ 1', 'เบย์ 2', 'เบย์ 3', 'ห้อง AI Lab']);

    // The choice survives a reload (cookie), and the grid's texts are Thai for another date too.
    await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: 'เบย์ที่ว่าง' })).toBeVisible();
    const weekAhead = bangkokDate(7);
    await page.locator('input[name="date"]').fill(weekAhead);
    const later = await gridFor(page, weekAhead);
    await expect(await slotCell(later, 'เบย์ 1', '18:00')).toHaveText(/^ว่าง/);
  });

  test('a customer past the per-address limit is asked to wait, in English and in Thai, rather than to retry at once', async ({ page }) => {
    // This test's own address (support.ts) spends GET /api/availability's 100 a minute.
    const spent = await Promise.all(Array.from({ length: 100 }, () => page.request.get(`/api/availability?date=${bangkokDate(0)}`)));
    expect(spent.filter((answer) => answer.status() !== 200)).toHaveLength(0);
    expect((await page.request.get(`/api/availability?date=${bangkokDate(0)}`)).status()).toBe(429);

    await page.goto('/');
    const refusal = page.getByRole('alert').filter({ hasText: 'Too many availability checks' });
    await expect(refusal).toHaveText(/^Too many availability checks in a short time\. Please wait a minute, then try again\.Try again$/);
    await expect(page.getByTestId('availability-grid')).toHaveCount(0);

    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'ตรวจสอบเวลาว่างบ่อยเกินไป' })).toContainText('กรุณารอสักครู่แล้วลองอีกครั้ง');
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the date input and every bay are reachable, without sideways scrolling', async ({ page }) => {
    const tomorrow = bangkokDate(1);
    await page.goto('/');
    // Today's day is on screen (the page is live) before the date changes, as for a person.
    const switcher = page.getByTestId('bay-switcher');
    await expect(switcher).toBeVisible();
    // The grid is for wider screens: on a phone the switcher shows the day instead.
    await expect(page.getByTestId('availability-grid')).toBeHidden();

    const dateInput = page.locator('input[name="date"]');
    await expect(dateInput).toBeVisible();
    await expect(dateInput).toBeInViewport();
    await dateInput.fill(tomorrow);
    await expect(page.getByTestId('bay-hours').locator('a').first()).toHaveAttribute('href', new RegExp(`date=${tomorrow}`));

    // The page itself does not scroll sideways, and every bay's button is on screen with its price.
    const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(pageOverflow, 'horizontal overflow of the page, in px').toBeLessThanOrEqual(0);
    const bays = switcher.getByRole('group').getByRole('button');
    await expect(bays).toHaveCount(4);
    for (const name of ['Bay 1', 'Bay 2', 'Bay 3', 'AI Lab']) {
      const bay = bays.filter({ hasText: name });
      await expect(bay).toBeInViewport({ ratio: 1 });
      await expect(bay).toContainText(/฿[\d,]+\/hour/);
    }

    // The last bay's hours: seed, AI Lab is booked 15:00-17:00 tomorrow; a free hour links to the form.
    await bays.filter({ hasText: 'AI Lab' }).click();
    await expect(page.getByRole('heading', { name: 'Hours of AI Lab' })).toBeVisible();
    const taken = page.getByTestId('bay-hours').locator('li[data-time="15:00"]');
    await expect(taken).toHaveAttribute('data-status', 'taken');
    await expect(taken).toContainText('Taken');
    await expect(taken.getByRole('link')).toHaveCount(0);
    const free = page.getByTestId('bay-hours').locator('li[data-time="18:00"]');
    await expect(free).toContainText('Free');
    await expect(free.getByRole('link', { name: /^Book AI Lab at 18:00, ฿[\d,]+\/hour$/ })).toHaveAttribute('href', `/book?date=${tomorrow}&time=18%3A00&bay=AI+Lab`);
  });
});
