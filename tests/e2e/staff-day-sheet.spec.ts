import { expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { addDays } from '../../lib/venue/venue-clock';
import { FROZEN_VENUE_DAY } from './venue-clock';
import { FIRST_ADMINS, signInWithEmailCode } from './mailbox';
import { bookViaApi, findFreeRun, horizontalOverflow, skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

const FIRST_ADMIN = FIRST_ADMINS.daySheet;

test.describe('The day sheet (/staff)', () => {
  test('a staff member signs in, opens the day, and a booking made in another browser appears within 5 s', async ({ browser }) => {
    // A day and an hour no other spec books.
    const date = addDays(FROZEN_VENUE_DAY, 12);
    const deskContext = await browser.newContext({ viewport: { width: 820, height: 1180 } });
    const desk = await deskContext.newPage();
    await desk.goto('/staff');
    await desk.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === '/staff');
    await signInWithEmailCode(desk, FIRST_ADMIN);
    await desk.waitForURL((url) => url.pathname === '/staff');
    await expect(desk.getByRole('heading', { level: 1, name: 'Day sheet' })).toBeVisible();
    await expect(desk.getByTestId('sign-out')).toBeVisible();

    // Keyboard: the date is reached and changed without a pointer.
    const dateInput = desk.locator('input[name="date"]');
    await dateInput.fill(date);
    await expect(desk.getByTestId('day-sheet')).toBeVisible();
    await expect(desk.getByTestId('day-sheet').getByRole('heading', { name: 'AI Lab' })).toBeVisible();
    await expect(desk.locator('[data-testid="day-sheet-booking"]')).toHaveCount(0);
    expect(await horizontalOverflow(desk)).toBe(0);

    // A customer books in their own browser.
    const customerContext = await browser.newContext();
    const name = `Sheet Guest ${randomBytes(3).toString('hex')}`;
    const response = await customerContext.request.post('/api/bookings/create', {
      data: { date, startTime: '21:00', duration: 1, bay: 'AI Lab', customerName: name, customerEmail: `sheet-${randomBytes(4).toString('hex')}@example.test`, customerPhone: '081 234 5678', numberOfPeople: 2, specialRequests: 'Window side' },
    });
    expect(response.status(), await response.text()).toBe(200);
    const { bookingReference } = (await response.json()) as { bookingReference: string };
    const madeAt = Date.now();

    const card = desk.locator(`[data-testid="day-sheet-booking"][data-reference="${bookingReference}"]`);
    await expect(card).toBeVisible({ timeout: 5000 });
    expect(Date.now() - madeAt).toBeLessThan(5000);
    await expect(card).toContainText('21:00–22:00');
    await expect(card).toContainText(name);
    await expect(card).toContainText('+66812345678');
    await expect(card).toContainText('2 people');
    await expect(card).toContainText('Notes: Window side');
    await expect(card.locator('[data-delivery="email"]')).toHaveAttribute('data-state', /sent|pending|failing/);
    await card.focus();
    await expect(card).toBeFocused();

    // The desk moves it an hour later, with a reason; the sheet shows it there.
    await card.getByText('Move or cancel').click();
    await card.getByLabel('Start').fill('22:00');
    await card.getByLabel('Reason (kept on the record)').fill('Customer called: stuck in traffic');
    await card.getByRole('button', { name: 'Move', exact: true }).click();
    await expect(desk.locator(`[data-testid="day-sheet-booking"][data-reference="${bookingReference}"]`)).toContainText('22:00–23:00', { timeout: 5000 });
    await expect(card.getByTestId('staff-changes')).toContainText('Customer called: stuck in traffic');

    // Today's booking (the frozen venue clock's day) is checked in from the sheet, and the sheet says by whom.
    const today = FROZEN_VENUE_DAY;
    // From 15:00: front-desk.spec.ts, running beside this spec on the same day, books from 19:00.
    const slot = await findFreeRun(customerContext.request, today, 1, '15:00');
    const todays = await bookViaApi(customerContext.request, { date: today, ...slot });
    expect(todays.status, JSON.stringify(todays.body)).toBe(200);
    await desk.getByRole('button', { name: 'Today', exact: true }).click();
    const todayCard = desk.locator(`[data-testid="day-sheet-booking"][data-reference="${String(todays.body.bookingReference)}"]`);
    await expect(todayCard).toBeVisible({ timeout: 5000 });
    await todayCard.getByRole('button', { name: 'Check in' }).click();
    await expect(todayCard.getByTestId('attendance').locator('[data-outcome="checked_in"]')).toContainText(/Checked in .+ by /);
    await expect(todayCard.getByRole('button', { name: 'Check in' })).toHaveCount(0);

    // Thai, and a phone's width.
    await desk.setViewportSize({ width: 390, height: 844 });
    expect(await horizontalOverflow(desk)).toBe(0);
    await desk.getByRole('button', { name: 'ภาษาไทย' }).click();
    await expect(desk.getByRole('heading', { level: 1, name: 'ตารางประจำวัน' })).toBeVisible();
    await desk.locator('input[name="date"]').fill(date);
    await expect(desk.locator(`[data-testid="day-sheet-booking"][data-reference="${bookingReference}"]`)).toContainText('2 คน');

    await customerContext.close();
    await deskContext.close();
  });

  test('a customer session sees no sheet', async ({ page }) => {
    const response = await page.request.get(`/api/staff/day-sheet?date=${FROZEN_VENUE_DAY}`);
    expect(response.status()).toBe(401);
  });
});
