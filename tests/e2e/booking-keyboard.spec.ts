import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { bangkokDate, horizontalOverflow, newGuest, randomInt, skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

/*
 * The /book flow (#15): a guest books with the keyboard alone (Tab, Enter, Space; typing into
 * the focused field), choosing a start time and a bay that are not the first ones, at phone
 * and desktop size; the summary with the price and the submit button stays in view while the
 * form scrolls; axe-core finds nothing. Bookings go on days 2-6 (no other spec books there),
 * screenshots to test-results/bookform/.
 */

const sizes = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

interface ApiSlot {
  startTime: string;
  bay: string;
  available: boolean;
  price: number | null;
  bayTh?: string | null;
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/bookform/${name}.png`, fullPage: false });
}

async function setLocale(context: BrowserContext, baseURL: string | undefined, locale: 'en' | 'th') {
  await context.addCookies([{ name: 'locale', value: locale, url: baseURL ?? 'http://localhost:3100' }]);
}

/** A start time other than the day's first free one, with a free bay other than the first free bay then. */
async function laterTimeAndBay(request: APIRequestContext, date: string): Promise<{ startTime: string; bay: string; bayTh: string; times: string[] }> {
  const response = await request.get(`/api/availability?date=${date}`);
  expect(response.status()).toBe(200);
  const { availableSlots } = (await response.json()) as { availableSlots: ApiSlot[] };
  const free = availableSlots.filter((slot) => slot.available);
  const times = [...new Set(free.map((slot) => slot.startTime))].sort();
  const candidates = times.slice(1).filter((time) => free.filter((slot) => slot.startTime === time).length >= 2);
  expect(candidates.length, `a later start time with two free bays on ${date}`).toBeGreaterThan(0);
  const startTime = candidates[randomInt(0, Math.min(candidates.length, 6) - 1)]!;
  const bays = free.filter((slot) => slot.startTime === startTime);
  const chosen = bays[randomInt(1, bays.length - 1)]!;
  return { startTime, bay: chosen.bay, bayTh: chosen.bayTh || chosen.bay, times };
}

/** The form's availability requests (GET /api/availability?date=…). */
const availabilityApi = (url: URL) => url.pathname === '/api/availability';

const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement);

/** Presses Tab until `target` has focus (forward only), and returns how many presses it took. */
async function tabTo(page: Page, target: Locator, max = 90): Promise<number> {
  for (let presses = 0; presses <= max; presses++) {
    if (await isFocused(target)) return presses;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reached with ${max} presses of Tab: ${target.toString()}`);
}

/** The focused control shows a focus ring, and on a phone it is not hidden behind the summary bar. */
async function expectVisibleFocus(page: Page, target: Locator) {
  const style = await target.evaluate((element) => {
    const computed = getComputedStyle(element);
    return { ring: computed.boxShadow, outline: computed.outlineStyle };
  });
  expect(style.ring !== 'none' || style.outline !== 'none', `a focus indicator on ${target.toString()}`).toBe(true);
  const box = await target.boundingBox();
  const bar = await page.getByTestId('booking-bar').boundingBox();
  expect(box, 'the focused control is on screen').not.toBeNull();
  const viewport = page.viewportSize()!;
  expect(box!.y).toBeGreaterThanOrEqual(0);
  if (bar && bar.y + bar.height >= viewport.height - 1 && bar.width >= viewport.width - 1) {
    // The phone's bar: the control is above it (or inside it).
    const inside = await target.evaluate((element) => element.closest('[data-testid="booking-bar"]') !== null);
    if (!inside) expect(box!.y + box!.height, 'the focused control is clear of the summary bar').toBeLessThanOrEqual(bar.y + 1);
  }
}

async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
    `axe-core on /book (${label})`,
  ).toEqual([]);
}

for (const [size, viewport] of Object.entries(sizes)) {
  test.describe(`the booking form on a ${size} (${viewport.width}x${viewport.height})`, () => {
    test.use({ viewport });
    // Each test walks several pages, languages and axe runs.
    test.describe.configure({ timeout: 120_000 });

    test('a guest books with the keyboard alone: Tab to a later start time and another bay, Enter and Space, typing into each field', async ({ page, request }) => {
      const days = size === 'phone' ? randomInt(2, 3) : randomInt(4, 6);
      const date = bangkokDate(days);
      const guest = newGuest(`keyboard ${size}`);

      await page.goto('/book');
      await expect(page.getByTestId('start-times').or(page.getByTestId('no-free-times'))).toBeVisible();

      // The date: "Next day" with Enter, as often as needed.
      const nextDay = page.getByRole('button', { name: 'Next day', exact: true });
      await tabTo(page, nextDay);
      await expectVisibleFocus(page, nextDay);
      for (let day = 0; day < days; day++) await page.keyboard.press('Enter');
      await expect(page.locator('input[name="date"]')).toHaveValue(date);

      const { startTime, bay, times } = await laterTimeAndBay(request, date);
      const startTimes = page.getByTestId('start-times');
      await expect(startTimes.getByRole('button')).toHaveCount(times.length);
      // Every start time shows its price for the chosen duration before it is picked.
      for (const chip of await startTimes.getByRole('button').all()) await expect(chip).toHaveAccessibleName(/^\d{2}:\d{2}\s*,?\s*(from )?฿[\d,]+/);

      // A start time other than the first: each one is a Tab stop, chosen with Enter.
      const timeChip = startTimes.getByRole('button', { name: new RegExp(`^${startTime}\\b`) });
      const presses = await tabTo(page, timeChip);
      expect(presses, 'Tab walks the start times one by one').toBeGreaterThan(1);
      await expectVisibleFocus(page, timeChip);
      await page.keyboard.press('Enter');
      await expect(timeChip).toHaveAttribute('aria-pressed', 'true');

      // A bay other than the first, chosen with Space.
      const bays = page.getByTestId('bays');
      await expect(bays.getByRole('button').first()).not.toHaveAttribute('data-bay', bay);
      const bayChip = bays.locator(`button[data-bay="${bay}"]`);
      await expect(bayChip).toHaveAccessibleName(new RegExp(`^${bay}\\b`));
      await tabTo(page, bayChip);
      await expectVisibleFocus(page, bayChip);
      await page.keyboard.press('Space');
      await expect(bayChip).toHaveAttribute('aria-pressed', 'true');

      const summary = page.getByTestId('booking-summary');
      await expect(summary).toContainText(`${startTime}–`);
      await expect(summary).toContainText(bay);
      await expect(summary).toContainText(/฿[\d,]+, paid at the venue/);

      // The details, typed into whichever field has focus.
      for (const [label, text] of [
        ['Name', guest.name],
        ['Email', guest.email],
        ['Phone', '081 234 5678'],
      ] as const) {
        const field = page.getByLabel(label, { exact: true });
        await tabTo(page, field);
        await expectVisibleFocus(page, field);
        await page.keyboard.type(text);
        await expect(field).toHaveValue(text);
      }
      await shot(page, `keyboard-${size}-en-filled`);

      // On to the submit button (in the summary) and Enter.
      const submit = page.getByRole('button', { name: 'Confirm booking' });
      await tabTo(page, submit);
      await expectVisibleFocus(page, submit);
      await page.keyboard.press('Enter');

      await page.waitForURL(/\/book\/confirmed\?ref=BK/);
      await expect(page.getByRole('heading', { level: 1, name: 'Booking confirmed' })).toBeFocused();
      const confirmation = page.getByTestId('booking-confirmation');
      await expect(confirmation).toContainText(`${startTime}–`);
      await expect(confirmation).toContainText(bay);
      await shot(page, `keyboard-${size}-en-confirmed`);
    });

    test('the summary with the price and the submit button stays in view while the form scrolls; short, no sideways scroll; axe finds nothing, in English and Thai', async ({ page, request, context, baseURL }) => {
      const date = bangkokDate(randomInt(2, 6));
      const { startTime, bay, bayTh } = await laterTimeAndBay(request, date);
      for (const locale of ['en', 'th'] as const) {
        await setLocale(context, baseURL, locale);
        await page.goto(`/book?date=${date}&time=${startTime}&bay=${encodeURIComponent(bay)}`);
        await expect(page.getByTestId('start-times').getByRole('button', { name: new RegExp(`^${startTime}\\b`), pressed: true })).toBeVisible();
        const bar = page.getByTestId('booking-bar');
        const summary = page.getByTestId('booking-summary');
        const submit = bar.getByRole('button', { name: locale === 'en' ? 'Confirm booking' : 'ยืนยันการจอง' });
        // The bay as the page's language names it.
        await expect(summary).toContainText(locale === 'en' ? bay : bayTh);
        await expect(summary).toContainText(`${startTime}–`);
        await expect(summary).toContainText(/฿[\d,]+/);

        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        test.info().annotations.push({ type: 'page height', description: `${size} ${locale}: ${height} px` });
        console.log(`/book page height at ${size} (${locale}): ${height} px`);
        for (const at of [0, 0.5, 1]) {
          await page.evaluate((fraction) => window.scrollTo(0, fraction * (document.documentElement.scrollHeight - window.innerHeight)), at);
          await expect(bar, `the summary at ${at * 100}% of the page`).toBeInViewport({ ratio: 1 });
          await expect(submit).toBeInViewport({ ratio: 1 });
        }
        if (size === 'phone') {
          // The bar is the bottom of the screen and the form does not hide under it at the end.
          const box = (await bar.boundingBox())!;
          expect(box.y + box.height).toBeGreaterThanOrEqual(viewport.height - 1);
          expect(box.height, 'the summary bar stays small').toBeLessThanOrEqual(130);
          const lastField = page.getByLabel(locale === 'en' ? 'Special requests (optional)' : 'คำขอพิเศษ (ไม่บังคับ)');
          const field = (await lastField.boundingBox())!;
          expect(field.y + field.height).toBeLessThanOrEqual(box.y);
        }
        expect(height, `the whole /book page at ${size} size, in px`).toBeLessThanOrEqual(size === 'phone' ? 1800 : 1400);
        expect(await horizontalOverflow(page), 'sideways scroll, in px').toBeLessThanOrEqual(0);
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot(page, `summary-${size}-${locale}-top`);
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await shot(page, `summary-${size}-${locale}-bottom`);
        await expectNoAxeViolations(page, `${size}, ${locale}, a slot chosen`);
      }

      // The error summary after an empty submit, and its axe check.
      await setLocale(context, baseURL, 'en');
      await page.goto(`/book?date=${date}&time=${startTime}&bay=${encodeURIComponent(bay)}`);
      await expect(page.getByTestId('start-times').getByRole('button', { name: new RegExp(`^${startTime}\\b`), pressed: true })).toBeVisible();
      await page.getByRole('button', { name: 'Confirm booking' }).press('Enter');
      const problem = page.getByTestId('booking-problem');
      await expect(problem).toBeFocused();
      await expect(problem).toBeInViewport();
      await shot(page, `problem-${size}-en`);
      await expectNoAxeViolations(page, `${size}, the error summary`);
    });

    test('loading, no free time that day, and a failed load say so, in English and Thai', async ({ page, context, baseURL }) => {
      const date = bangkokDate(randomInt(2, 6));
      for (const locale of ['en', 'th'] as const) {
        await setLocale(context, baseURL, locale);
        // Loading: the answer held back until the skeleton was seen.
        let release: () => void = () => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        await page.route(availabilityApi, async (route) => {
          await held;
          await route.continue();
        });
        await page.goto(`/book?date=${date}`);
        await expect(page.getByRole('status').filter({ hasText: locale === 'en' ? 'Loading free times…' : 'กำลังโหลดเวลาว่าง…' })).toBeAttached();
        await shot(page, `state-loading-${size}-${locale}`);
        release();
        await expect(page.getByTestId('start-times')).toBeVisible();
        await page.unroute(availabilityApi);

        // No free time: the day's real answer with every slot booked (as on a sold-out day).
        await page.route(availabilityApi, async (route) => {
          const response = await route.fetch();
          const body = (await response.json()) as { availableSlots: (ApiSlot & { status: string })[] };
          for (const slot of body.availableSlots) Object.assign(slot, { available: false, status: 'taken' });
          await route.fulfill({ response, json: { ...body, fullyBooked: true } });
        });
        await page.goto(`/book?date=${date}`);
        const none = page.getByTestId('no-free-times');
        await expect(none).toContainText(locale === 'en' ? 'No free times on this date. Try another day.' : 'ไม่มีเวลาว่างในวันที่เลือก');
        await expect(none.getByRole('button')).toHaveCount(1);
        await expect(page.getByTestId('booking-bar')).toBeInViewport();
        await shot(page, `state-empty-${size}-${locale}`);
        await expectNoAxeViolations(page, `${size}, ${locale}, no free time`);
        await page.unroute(availabilityApi);

        // The load fails (no connection): a message and a retry that works.
        await page.route(availabilityApi, (route) => route.abort('internetdisconnected'), { times: 1 });
        await page.goto(`/book?date=${date}`);
        const failed = page.getByRole('alert').filter({ hasText: locale === 'en' ? 'Could not load availability. Please try again.' : 'โหลดข้อมูลเวลาว่างไม่สำเร็จ' });
        await expect(failed).toBeVisible();
        const retry = failed.getByRole('button', { name: locale === 'en' ? 'Try again' : 'ลองอีกครั้ง' });
        await shot(page, `state-error-${size}-${locale}`);
        await expectNoAxeViolations(page, `${size}, ${locale}, the load failed`);
        await retry.press('Enter');
        await expect(page.getByTestId('start-times')).toBeVisible();
      }
    });
  });
}
