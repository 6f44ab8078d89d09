import { randomUUID } from 'node:crypto';
import { test as base, expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';

/**
 * Playwright's `test`, with every test a client of its own: its pages, contexts and `request`
 * send X-Forwarded-For with a fresh address (uniqueClientAddress). The app rate-limits per
 * address (availability 100 a minute, guest bookings 3 an hour) and the e2e server keeps its
 * counters for the whole run, so tests sharing 127.0.0.1 were refused (429) once the suite as a
 * whole, not any one test, passed a limit. A page that plays another client sets its own.
 */
export const test = base.extend({
  // Playwright's own name for the second argument is `use`, which the React hooks lint reads as a hook.
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide) => {
    await provide({ ...extraHTTPHeaders, 'X-Forwarded-For': uniqueClientAddress() });
  },
});

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

/** A whole number from `min` to `max` inclusive. */
export function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/**
 * A client address of its own (RFC 2544 benchmarking range) for `X-Forwarded-For`: every
 * test's by default (`test` above); a test that plays two clients, or one client across
 * contexts, takes another.
 */
export function uniqueClientAddress(): string {
  return `198.18.${randomInt(0, 255)}.${randomInt(1, 254)}`;
}

export interface Guest {
  name: string;
  email: string;
  phone: string;
}

/** Fills the login page's guest form with `guest` and submits it; the caller waits for where it lands. */
export async function submitGuestSignIn(page: Page, guest: Guest): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(guest.name);
  await page.getByLabel('Email', { exact: true }).fill(guest.email);
  await page.getByLabel('Phone', { exact: true }).fill(guest.phone);
  await page.getByRole('button', { name: 'Continue as guest' }).click();
}

/** A guest with a unique email, so bookings of parallel tests never share an idempotency scope. */
export function newGuest(label: string): Guest {
  const id = `${Date.now().toString(36)}${randomInt(0, 1e6).toString(36)}`;
  return { name: `E2E ${label}`, email: `e2e.${label.toLowerCase().replace(/\W+/g, '-')}.${id}@example.com`, phone: '0812345678' };
}

interface ApiSlot {
  startTime: string;
  bay: string;
  bayTh?: string | null;
  capacity: number;
  available: boolean;
}

/**
 * A bay and start time on `date` with `hours` free hours in a row, from the live
 * availability (the first from `from` on, in time then bay order, of a bay that takes `people`).
 */
export async function findFreeRun(
  request: APIRequestContext,
  date: string,
  hours = 1,
  from = '12:00',
  people = 1,
): Promise<{ startTime: string; bay: string; bayTh: string | null }> {
  const response = await request.get(`/api/availability?date=${date}`);
  expect(response.status()).toBe(200);
  const { availableSlots } = (await response.json()) as { availableSlots: ApiSlot[] };
  const free = new Set(availableSlots.filter((slot) => slot.available).map((slot) => `${slot.bay}|${slot.startTime}`));
  const at = (time: string, plus: number) => `${String(Number(time.slice(0, 2)) + plus).padStart(2, '0')}:00`;
  for (const slot of availableSlots) {
    if (slot.startTime < from || !slot.startTime.endsWith(':00') || slot.capacity < people) continue;
    if (Array.from({ length: hours }, (_, i) => free.has(`${slot.bay}|${at(slot.startTime, i)}`)).every(Boolean)) {
      return { startTime: slot.startTime, bay: slot.bay, bayTh: slot.bayTh ?? null };
    }
  }
  throw new Error(`No ${hours}-hour free run on ${date}`);
}

/** POST /api/bookings/create as another customer (its own client address and Idempotency-Key). */
export async function bookViaApi(
  request: APIRequestContext,
  booking: { date: string; startTime: string; bay?: string; duration?: number; numberOfPeople?: number },
  options: { guest?: Guest; clientAddress?: string } = {},
) {
  const guest = options.guest ?? newGuest('api');
  // Only the request's fields (a slot from findFreeRun also carries the bay's Thai name).
  const { date, startTime, bay, duration = 1, numberOfPeople = 2 } = booking;
  const response = await request.post('/api/bookings/create', {
    headers: { 'Idempotency-Key': randomUUID(), 'X-Forwarded-For': options.clientAddress ?? uniqueClientAddress() },
    data: {
      date,
      startTime,
      ...(bay === undefined ? {} : { bay }),
      duration,
      numberOfPeople,
      customerName: guest.name,
      customerEmail: guest.email,
      customerPhone: guest.phone,
    },
  });
  return { status: response.status(), body: (await response.json()) as Record<string, unknown> };
}

/** How far the page scrolls sideways (0 when nothing sticks out). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
