import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { bangkokDate, findFreeRun, horizontalOverflow, newGuest, randomInt, skipWithoutBrowser, submitGuestSignIn, test, uniqueClientAddress } from './support';

skipWithoutBrowser();

const endOf = (time: string, hours = 1) => `${String(Number(time.slice(0, 2)) + hours).padStart(2, '0')}:${time.slice(3)}`;

/** A start time in `bay` on `date` that is free now and differs from `except` (after it, if possible). */
async function anotherFreeTime(page: Page, date: string, bay: string, except: string): Promise<string> {
  const response = await page.request.get(`/api/availability?date=${date}`);
  expect(response.status()).toBe(200);
  const { availableSlots } = (await response.json()) as { availableSlots: { startTime: string; bay: string; available: boolean }[] };
  const free = availableSlots.filter((slot) => slot.bay === bay && slot.available && slot.startTime !== except).map((slot) => slot.startTime);
  const later = free.filter((time) => time > endOf(except));
  const time = later[0] ?? free[free.length - 1];
  expect(time, `another free time in ${bay} on ${date}`).toBeTruthy();
  return time!;
}

test.describe('VIP portal', () => {
  test('a member books, finds the booking in the portal, moves it, then cancels it', async ({ page, baseURL }) => {
    // Guests are rate-limited per address: this test has its own.
    const address = uniqueClientAddress();
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': address });
    await page.setViewportSize({ width: 390, height: 844 });

    // The portal is for members: a visitor is sent to sign in and comes back.
    await page.goto('/vip');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === '/vip');
    const guest = newGuest('vip portal');
    await submitGuestSignIn(page, guest);
    await expect(page).toHaveURL(`${baseURL}/vip`);
    await expect(page.getByRole('heading', { level: 1, name: 'My account' })).toBeVisible();
    await expect(page.getByTestId('vip-link-prompt')).toBeVisible();
    await expect(page.getByTestId('vip-no-next')).toBeVisible();

    // Book as this member (the page's cookies), late in the day, away from other specs' picks.
    const date = bangkokDate(randomInt(28, 34));
    const { startTime, bay } = await findFreeRun(page.request, date, 1, '18:00');
    const created = await page.request.post('/api/bookings/create', {
      headers: { 'Idempotency-Key': randomUUID(), 'X-Forwarded-For': address },
      data: { date, startTime, bay, duration: 1, numberOfPeople: 2, customerName: guest.name, customerEmail: guest.email, customerPhone: guest.phone },
    });
    const booking = (await created.json()) as { bookingReference: string };
    expect(created.status(), JSON.stringify(booking)).toBe(200);
    const reference = booking.bookingReference;

    // The overview shows it as the next booking.
    await page.reload();
    const next = page.locator(`[data-testid="vip-booking"][data-reference="${reference}"]`);
    await expect(next).toBeVisible();
    await expect(next.getByTestId('vip-booking-time')).toContainText(`${startTime}–${endOf(startTime)}`);

    // The bookings list has it, with Change time and Cancel booking.
    await page.getByRole('link', { name: 'See all my bookings' }).click();
    await expect(page).toHaveURL(`${baseURL}/vip/bookings`);
    await expect(page.getByRole('heading', { level: 1, name: 'My bookings' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Upcoming' })).toHaveAttribute('aria-pressed', 'true');
    const card = page.locator(`[data-testid="vip-booking"][data-reference="${reference}"]`);
    await expect(card).toBeVisible();
    await expect(card.getByTestId('vip-booking-status')).toHaveText('Confirmed');
    expect(await horizontalOverflow(page)).toBe(0);

    // Move it to another free time in the same bay through the dialog.
    const target = await anotherFreeTime(page, date, bay, startTime);
    const changeButton = card.getByRole('button', { name: 'Change time' });
    await changeButton.click();
    const modify = page.getByRole('dialog', { name: `Change booking ${reference}` });
    await expect(modify).toBeVisible();
    // Each start time is a toggle named by its time and its price for the booking's length.
    await expect(modify.getByRole('button', { name: new RegExp(`^${startTime}\\b`) })).toHaveAttribute('aria-pressed', 'true');
    await expect(modify.getByRole('button', { name: new RegExp(`^${target}\\b`) })).toHaveAccessibleName(new RegExp(`^${target}\\s*,?\\s*฿[\\d,]+$`));
    // The date reads as the page's language says it, not as the browser's own date box would.
    await expect(modify.getByTestId('date-shown')).not.toHaveText(/^\d/);
    // Escape closes it and focus returns to the button that opened it.
    await page.keyboard.press('Escape');
    await expect(modify).toBeHidden();
    await expect(changeButton).toBeFocused();

    await changeButton.click();
    await expect(modify).toBeVisible();
    await modify.getByRole('button', { name: new RegExp(`^${target}\\b`) }).click();
    await expect(modify.getByTestId('modify-summary')).toContainText(`${target}–${endOf(target)}`);
    expect(await horizontalOverflow(page)).toBe(0);
    await modify.getByRole('button', { name: 'Save new time' }).click();
    await expect(modify).toBeHidden();
    await expect(page.getByTestId('vip-notice')).toContainText(`Booking ${reference} moved to`);
    await expect(card.getByTestId('vip-booking-time')).toContainText(`${target}–${endOf(target)}`);

    // The server agrees: same booking, new time, same bay.
    const listed = await page.request.get('/api/vip/bookings?filter=future&limit=50');
    const { bookings } = (await listed.json()) as { bookings: { reference: string; startTime: string; bay: string; status: string }[] };
    expect(bookings.find((item) => item.reference === reference)).toMatchObject({ startTime: target, bay, status: 'confirmed' });

    // Cancel it with a reason.
    await card.getByRole('button', { name: 'Cancel booking' }).click();
    const cancel = page.getByRole('dialog', { name: `Cancel booking ${reference}?` });
    await expect(cancel).toBeVisible();
    await cancel.getByLabel('Reason (optional)').fill('Plans changed');
    await cancel.getByRole('button', { name: 'Cancel booking' }).click();
    await expect(cancel).toBeHidden();
    await expect(page.getByTestId('vip-notice')).toContainText(`Booking ${reference} is cancelled.`);
    // No longer upcoming, and not a past visit either: under Cancelled, with the reason and no actions.
    await expect(card).toBeHidden();
    await page.getByRole('button', { name: 'Past' }).click();
    await expect(page.getByTestId('vip-bookings-empty')).toContainText('You have no past bookings.');
    await page.getByRole('button', { name: 'Cancelled' }).click();
    await expect(card).toBeVisible();
    await expect(card.getByTestId('vip-booking-status')).toHaveText('Cancelled');
    await expect(card).toContainText('Plans changed');
    await expect(card.getByRole('button')).toHaveCount(0);
  });

  test('other portal pages: packages, profile, link account (Thai too)', async ({ page, baseURL }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/vip/profile');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === '/vip/profile');
    const guest = newGuest('vip profile');
    await submitGuestSignIn(page, { ...guest, phone: '+66 81 234 5678' });
    await expect(page).toHaveURL(`${baseURL}/vip/profile`);

    // Profile: name, email and marketing can change; the phone cannot.
    await expect(page.getByLabel('Display name')).toHaveValue(guest.name);
    await expect(page.getByLabel('Phone', { exact: true })).toHaveAttribute('readonly', '');
    await page.getByLabel('Display name').fill('E2E Renamed');
    // Marketing is opt-in: off until ticked, and the notice says what the choice now means.
    const marketing = page.getByLabel('Send me news and offers by email');
    await expect(marketing).not.toBeChecked();
    await marketing.setChecked(true);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('vip-profile-outcome')).toHaveText('Saved: Display name. You will get news and offers by email. You can untick this at any time.');
    await page.reload();
    await expect(page.getByLabel('Display name')).toHaveValue('E2E Renamed');
    await expect(marketing).toBeChecked();
    expect(await horizontalOverflow(page)).toBe(0);

    // Packages: none yet.
    await page.getByRole('link', { name: 'Packages' }).click();
    await expect(page.getByTestId('vip-packages-empty')).toBeVisible();

    // Link: an unknown number is explained in place.
    await page.goto('/vip/link');
    await page.getByLabel('Phone', { exact: true }).fill('0899999999');
    await page.getByRole('button', { name: 'Find my account' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'No venue account has this phone number' })).toBeVisible();

    // The home page leads a member to the portal; the portal speaks Thai.
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'My bookings' })).toHaveAttribute('href', '/vip');
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await page.goto('/vip/bookings');
    await expect(page.getByRole('heading', { level: 1, name: 'การจองของฉัน' })).toBeVisible();
    await expect(page.getByTestId('vip-bookings-empty')).toContainText('คุณไม่มีการจองที่กำลังจะมาถึง');
    expect(await horizontalOverflow(page)).toBe(0);
  });

  test("a member past the portal's limit (60 a minute) is asked to wait, in English and Thai, rather than to retry at once", async ({ page, baseURL }) => {
    await page.goto('/vip/packages');
    await page.waitForURL((url) => url.pathname === '/login');
    const guest = newGuest('vip limit');
    await submitGuestSignIn(page, { ...guest, phone: '+66 81 234 5678' });
    await expect(page).toHaveURL(`${baseURL}/vip/packages`);

    // The member's own session (the page's cookies) spends what is left of the minute's 60.
    let answer = await page.request.get('/api/vip/status');
    while (answer.status() === 200) answer = await page.request.get('/api/vip/status');
    expect(answer.status()).toBe(429);

    await page.goto('/vip/bookings');
    await expect(page.getByRole('alert').filter({ hasText: 'Too many requests' })).toHaveText(/^Too many requests in a short time\. Please wait a minute and try again\.Try again$/);
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await page.goto('/vip/profile');
    await expect(page.getByRole('alert').filter({ hasText: 'มีคำขอมากเกินไป' })).toContainText('มีคำขอมากเกินไปในเวลาสั้น ๆ กรุณารอสักครู่แล้วลองอีกครั้ง');
  });
});
