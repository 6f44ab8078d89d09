import { expect, type Page } from '@playwright/test';
import { waitForEmail } from './mailbox';
import { bangkokDate, findFreeRun, newGuest, randomInt, skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

/*
 * Issue 14's "done when": a guest (no account) books, opens the manage link from the email the
 * SMTP stand-in received, moves the booking, then cancels it; the staff calendar event follows
 * (recorded at /dev/outbox: the e2e app has no Google keys), and the link refuses a second use
 * after the cancel. A made-up reference on /book/confirmed shows nothing.
 */

const endOf = (time: string, hours = 1) => `${String(Number(time.slice(0, 2)) + hours).padStart(2, '0')}:${time.slice(3)}`;

/** The calendar operations recorded for a booking, newest first (their subjects). */
async function calendarSubjects(page: Page, reference: string): Promise<string[]> {
  const outbox = await page.context().newPage();
  await outbox.goto('/dev/outbox');
  const subjects = await outbox
    .locator('li')
    .filter({ has: outbox.getByText('Calendar', { exact: true }) })
    .filter({ hasText: reference })
    .locator('span.font-medium')
    .allTextContents();
  await outbox.close();
  return subjects;
}

test.describe('a guest manages a booking through its link', () => {
  test('books, opens the emailed link, moves, cancels; the calendar follows; the link is refused afterwards', async ({ page, baseURL }) => {
    const date = bangkokDate(randomInt(20, 26));
    const { startTime, bay } = await findFreeRun(page.request, date, 1, '12:00');
    const guest = newGuest('manage link');
    const since = Date.now();

    await page.goto(`/book?date=${date}&time=${startTime}&bay=${encodeURIComponent(bay)}`);
    // The link's slot is chosen once the day's availability is in, as a person sees it.
    await expect(page.getByTestId('bays').locator(`button[data-bay="${bay}"]`)).toHaveAttribute('aria-pressed', 'true');
    await page.getByLabel('Name', { exact: true }).fill(guest.name);
    await page.getByLabel('Email', { exact: true }).fill(guest.email);
    await page.getByLabel('Phone', { exact: true }).fill(guest.phone);
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.waitForURL(/\/book\/confirmed\?ref=BK/);
    // The confirmation page shows the booking: the form passed the link's fragment on.
    const reference = (await page.getByTestId('booking-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^BK\d{6}[0-9A-Z]{8}$/);
    await expect(page.getByTestId('confirmation-manage-link')).toBeVisible();

    // The confirmation email's link, as the guest would click it.
    const confirmation = await waitForEmail({ to: guest.email, subject: 'Booking confirmed', since });
    const emailed = confirmation.links.find((link) => /\/book\/manage#t=[0-9a-f]{64}$/.test(link));
    expect(emailed, confirmation.text).toBeTruthy();
    expect(confirmation.links.some((link) => link.includes('/vip/bookings'))).toBe(false);
    const manageLink = `${baseURL}${new URL(emailed!).pathname}${new URL(emailed!).hash}`;
    await page.goto(manageLink);
    await expect(page.getByRole('heading', { level: 1, name: 'Your booking' })).toBeVisible();
    const card = page.locator(`[data-testid="vip-booking"][data-reference="${reference}"]`);
    await expect(card).toBeVisible();
    await expect(card.getByTestId('booking-deadline')).toContainText('You can change or cancel it online until');
    expect(await calendarSubjects(page, reference)).toEqual([expect.stringContaining(reference)]);

    // Move it to a later free time in the same bay.
    const response = await page.request.get(`/api/availability?date=${date}`);
    const { availableSlots } = (await response.json()) as { availableSlots: { startTime: string; bay: string; available: boolean }[] };
    const target = availableSlots.find((slot) => slot.bay === bay && slot.available && slot.startTime > endOf(startTime))?.startTime;
    expect(target, `a later free time in ${bay}`).toBeTruthy();
    await card.getByRole('button', { name: 'Change time' }).click();
    const modify = page.getByRole('dialog', { name: `Change booking ${reference}` });
    await modify.getByRole('button', { name: new RegExp(`^${target}\\b`) }).click();
    await modify.getByRole('button', { name: 'Save new time' }).click();
    await expect(modify).toBeHidden();
    await expect(page.getByTestId('manage-moved')).toBeVisible();
    await expect(card.getByTestId('vip-booking-time')).toContainText(`${target}–${endOf(target!)}`);
    await expect.poll(() => calendarSubjects(page, reference)).toContainEqual(expect.stringMatching(new RegExp(`^Updated: .*${reference}`)));
    // The change email carries a working link too.
    const change = await waitForEmail({ to: guest.email, subject: 'Booking changed', since });
    expect(change.links.some((link) => /\/book\/manage#t=[0-9a-f]{64}$/.test(link))).toBe(true);

    // Cancel it with a reason.
    await card.getByRole('button', { name: 'Cancel booking' }).click();
    const cancel = page.getByRole('dialog', { name: `Cancel booking ${reference}?` });
    await cancel.getByLabel('Reason (optional)').fill('Flight moved');
    await cancel.getByRole('button', { name: 'Cancel booking' }).click();
    await expect(page.getByTestId('manage-cancelled')).toContainText(`Booking ${reference} is cancelled.`);
    await expect.poll(() => calendarSubjects(page, reference)).toContainEqual(`Deleted: ${reference}`);
    await waitForEmail({ to: guest.email, subject: 'Booking cancelled', since });

    // A second use of the link: refused, and the page says why.
    await page.goto('/');
    await page.goto(manageLink);
    await expect(page.getByTestId('manage-expired')).toHaveText(`Booking ${reference} was cancelled, so this link no longer works.`);
    await expect(page.getByRole('button', { name: 'Change time' })).toHaveCount(0);
    const api = await page.request.get('/api/bookings/manage', { headers: { 'X-Manage-Token': new URL(emailed!).hash.slice(3) } });
    expect(api.status()).toBe(410);
  });

  test('a made-up reference, or a real one without its link, shows no booking (English and Thai)', async ({ page }) => {
    await page.goto('/book/confirmed?ref=BK261231ABCDEFGH');
    await expect(page.getByTestId('confirmation-cannot-show')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'We cannot show this booking' })).toBeVisible();
    await expect(page.getByText('Booking confirmed')).toHaveCount(0);
    // Not in the browser tab either.
    await expect(page).not.toHaveTitle(/confirmed/i);
    await expect(page.getByTestId('booking-reference')).toHaveCount(0);

    // A wrong token in the fragment changes nothing.
    await page.goto(`/book/confirmed?ref=BK261231ABCDEFGH#t=${'0'.repeat(64)}`);
    await expect(page.getByTestId('confirmation-cannot-show')).toBeVisible();
    await page.goto(`/book/manage#t=${'0'.repeat(64)}`);
    await expect(page.getByTestId('manage-invalid')).toBeVisible();

    await page.context().addCookies([{ name: 'locale', value: 'th', url: new URL(page.url()).origin }]);
    await page.goto('/book/confirmed?ref=BK261231ABCDEFGH');
    await expect(page.getByRole('heading', { level: 1, name: 'ไม่สามารถแสดงการจองนี้ได้' })).toBeVisible();
  });
});
