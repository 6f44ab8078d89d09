import { expect } from '@playwright/test';
import { bangkokDate, gridFor, skipWithoutBrowser, slotCell, test } from './support';

skipWithoutBrowser();

/**
 * The grid says what the venue's booking rules exclude before anyone tries (public.venue_settings:
 * guests book up to 60 days ahead, members 90): a past day is "Past" without prices, the days
 * only members can book yet say so, later days are "Not yet open for booking", and the date
 * stepper stops at the last bookable day. Read-only: no bookings are made.
 */
test.describe('booking rules on the availability grid', () => {
  test('a past day says Past, with no price, in English and Thai', async ({ page }) => {
    await page.goto('/');
    await gridFor(page, bangkokDate(0));
    const yesterday = bangkokDate(-1);
    await page.locator('input[name="date"]').fill(yesterday);
    const grid = await gridFor(page, yesterday);
    await expect(page.getByText('This date has passed.')).toBeVisible();
    const cell = await slotCell(grid, 'Bay 1', '18:00');
    await expect(cell).toHaveText('Past');
    await expect(cell).toHaveAttribute('data-status', 'past');
    await expect(grid.locator('td', { hasText: 'Taken' })).toHaveCount(0);
    await expect(grid.locator('td', { hasText: '฿' })).toHaveCount(0);

    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    // The bay's name is Thai too (public.bays.name_th); read the grid once the Thai one is shown.
    await expect(page.locator('html')).toHaveAttribute('lang', 'th');
    await expect(page.locator('th', { hasText: 'เบย์ 1' }).first()).toBeVisible();
    const thai = await gridFor(page, yesterday);
    await expect(await slotCell(thai, 'เบย์ 1', '18:00')).toHaveText('ผ่านไปแล้ว');
  });

  test('after the guest horizon the grid says Members only, then Not yet open, and the stepper stops at the last day', async ({ page }) => {
    await page.goto('/');
    await gridFor(page, bangkokDate(0));
    const dateInput = page.locator('input[name="date"]');

    const membersOnly = bangkokDate(61);
    await dateInput.fill(membersOnly);
    const members = await gridFor(page, membersOnly);
    await expect(page.getByText(`guests up to ${bangkokDate(60)}`)).toBeVisible();
    await expect(await slotCell(members, 'Bay 2', '12:00')).toContainText('Members only');
    await expect(members.getByRole('link')).toHaveCount(0);

    const last = bangkokDate(90);
    await dateInput.fill(last);
    await gridFor(page, last);
    await expect(page.getByRole('button', { name: 'Next day', exact: true })).toBeDisabled();
    await expect(dateInput).toHaveAttribute('max', last);

    const beyond = bangkokDate(91);
    await dateInput.fill(beyond);
    const closed = await gridFor(page, beyond);
    await expect(page.getByText(`Not yet open for booking: online bookings go up to ${last}.`)).toBeVisible();
    await expect(await slotCell(closed, 'Bay 1', '18:00')).toHaveText('Not yet open for booking');
  });
});
