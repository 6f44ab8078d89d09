import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * Skips every test of the calling spec file when playwright.config.ts found no Chromium
 * and E2E_SKIP_WITHOUT_BROWSER=1 allowed the run to go on without one.
 */
export function skipWithoutBrowser() {
  const reason = process.env.E2E_SKIP_REASON;
  test.skip(Boolean(reason), reason);
}

/** The venue's (Bangkok) date `days` from today, YYYY-MM-DD, whatever the machine's time zone. */
export function bangkokDate(days = 0, now = new Date()): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The availability grid, once it shows `date` (its caption is the date it was loaded for). */
export async function gridFor(page: Page, date: string): Promise<Locator> {
  const grid = page.getByTestId('availability-grid');
  await expect(grid).toBeVisible();
  await expect(grid.locator('caption')).toHaveText(date);
  return grid;
}

/** The names of the bays in the grid's column headers, left to right. */
export async function bayNames(grid: Locator): Promise<string[]> {
  // Each bay's header starts with a span holding its name; the first header is "Time".
  return grid.locator('thead th').evaluateAll((headers) =>
    headers.slice(1).map((header) => header.querySelector('span')?.textContent?.trim() ?? ''),
  );
}

/** The grid cell of `bay` at start time `time` (HH:MM). */
export async function slotCell(grid: Locator, bay: string, time: string): Promise<Locator> {
  const bays = await bayNames(grid);
  const column = bays.indexOf(bay);
  expect(column, `bay ${bay} among the grid's columns ${bays.join(', ')}`).toBeGreaterThanOrEqual(0);
  const row = grid.locator('tbody tr').filter({ has: grid.page().getByRole('rowheader', { name: time, exact: true }) });
  await expect(row, `one row for ${time}`).toHaveCount(1);
  return row.locator('td').nth(column);
}
