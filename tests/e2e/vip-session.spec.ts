import { expect, type Page } from '@playwright/test';
import { bangkokDate, findFreeRun, newGuest, randomInt, skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

/*
 * Concierge VIP codes: `?vip=CODE` on a booking page (/, /book, the result) opens a session (and leaves the URL clean).
 * These tests book on days 44–51, which no other spec uses, each test on its own days
 * (they run in parallel, and a demo booking must not find its slot taken by the real one).
 */

async function bookFreeSlot(page: Page, request: Parameters<typeof findFreeRun>[0], label: string, days: [number, number]) {
  const date = bangkokDate(randomInt(days[0], days[1]));
  const { startTime, bay } = await findFreeRun(request, date, 1, '11:00');
  await page.goto(`/book?date=${date}&time=${startTime}&bay=${encodeURIComponent(bay)}`);
  await expect(page.getByTestId('start-times').getByRole('button', { name: new RegExp(`^${startTime}\\b`), pressed: true })).toBeVisible();
  const guest = newGuest(label);
  await page.getByLabel('Name', { exact: true }).fill(guest.name);
  await page.getByLabel('Email', { exact: true }).fill(guest.email);
  await page.getByLabel('Phone', { exact: true }).fill(guest.phone);
  await page.getByRole('button', { name: 'Confirm booking' }).click();
  await page.waitForURL(/\/book\/confirmed\?ref=/);
  return { date, startTime, bay };
}

test.describe('concierge VIP sessions', () => {
  test('a hotel guest opens /?vip=MIAMI2024, sees the VIP banner, and books with attribution', async ({ page, request }) => {
    await page.goto('/?vip=MIAMI2024');
    const banner = page.getByTestId('vip-banner');
    await expect(banner).toContainText('VIP access via Luxury Resort Miami (concierge John Doe).');
    await expect(banner).toContainText(/2[34] h \d+ min left\./);
    expect(new URL(page.url()).searchParams.has('vip')).toBe(false);

    // The session survives a reload (re-validated) and follows the guest to the booking form.
    await page.reload();
    await expect(page.getByTestId('vip-banner')).toContainText('Luxury Resort Miami');

    const { startTime, bay } = await bookFreeSlot(page, request, 'vip guest', [44, 47]);
    await expect(page.getByTestId('booking-reference')).toHaveText(/^BK\d{6}[0-9A-Z]{8}$/);
    await expect(page.getByTestId('confirmation-vip')).toHaveText('Booked with VIP code MIAMI2024.');
    await expect(page.getByTestId('booking-confirmation')).toContainText(`${startTime}`);
    await expect(page.getByTestId('booking-confirmation')).toContainText(bay);

    await page.getByRole('button', { name: 'End VIP session' }).click();
    await expect(page.getByTestId('vip-banner')).toContainText('Have a VIP code from your hotel?');
  });

  test('an unknown code says it is not recognised, demo mode only when chosen, and its booking saves nothing', async ({ page, request }) => {
    await page.goto('/?vip=NOPE1234');
    const banner = page.getByTestId('vip-banner');
    await expect(banner).toContainText('Code NOPE1234 not recognised. Check it with your hotel and enter it again.');
    await expect(banner).not.toContainText('Demo mode');
    await banner.getByRole('button', { name: 'Continue in demo mode (nothing is booked)' }).click();
    await expect(banner).toContainText('Demo mode');
    const { date, startTime, bay } = await bookFreeSlot(page, request, 'demo guest', [48, 51]);
    await expect(page.getByTestId('booking-reference')).toHaveText(/^DEMO-[0-9A-F]{8}$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Nothing was booked' })).toBeVisible();
    await expect(page.getByTestId('booking-confirmation')).toHaveCount(0);

    const after = (await (await request.get(`/api/availability?date=${date}`)).json()) as { availableSlots: { bay: string; startTime: string; available: boolean }[] };
    expect(after.availableSlots.find((slot) => slot.bay === bay && slot.startTime === startTime)?.available).toBe(true);
  });

  test('the code form opens a session without a link, and explains a malformed code', async ({ page }) => {
    await page.goto('/');
    const banner = page.getByTestId('vip-banner');
    await banner.getByLabel('VIP code').fill('no');
    await banner.getByRole('button', { name: 'Use code' }).click();
    await expect(banner).toContainText('VIP codes are 4 to 12 letters or digits.');
    await banner.getByLabel('VIP code').fill('miami2024');
    await banner.getByRole('button', { name: 'Use code' }).click();
    await expect(banner).toContainText('Luxury Resort Miami');
  });
});
