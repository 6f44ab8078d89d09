import { expect, test } from '@playwright/test';
import { horizontalOverflow, skipWithoutBrowser } from './support';

skipWithoutBrowser();

/** playwright.config.ts gives the e2e server this STAFF_PIN. */
const STAFF_PIN = '482913';
/** The seed's LINE user, linked to CUS-0001 with three draws (no other spec touches the lucky draw). */
const DEMO_LINE_USER_ID = 'U00000000000000000000000000demo01';

test.describe('Lucky draw (LIFF)', () => {
  test('a linked LINE customer spins, sees the prize and code, and staff redeem it', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/liff/lucky-draw');
    await expect(page.getByRole('heading', { level: 1, name: 'Lucky draw' })).toBeVisible();

    // No LIFF id on the e2e server and DEV_TOOLS=1 (playwright.config.ts): the local sign-in.
    const devSignIn = page.getByTestId('ld-dev-sign-in');
    await expect(devSignIn.getByRole('heading', { name: 'Local sign-in (development only)' })).toBeVisible();
    await devSignIn.getByLabel('LINE user id').fill('not-a-line-user');
    await devSignIn.getByRole('button', { name: 'Sign in locally' }).click();
    await expect(devSignIn.getByRole('alert')).toHaveText('A LINE user id is U followed by 32 letters or digits.');
    await devSignIn.getByLabel('LINE user id').fill(DEMO_LINE_USER_ID);
    await devSignIn.getByRole('button', { name: 'Sign in locally' }).click();

    // Three draws and a wheel of the seed's six prizes.
    await expect(page.getByRole('heading', { name: 'Signed in as Demo LINE Golfer' })).toBeVisible();
    await expect(page.getByTestId('ld-draws')).toHaveText('3');
    await expect(page.getByTestId('ld-wheel-segment')).toHaveCount(6);
    await expect(page.getByText('No prizes yet. Spin the wheel to win one.')).toBeVisible();
    expect(await horizontalOverflow(page)).toBe(0);

    // Spin: the wheel turns, then the prize and its code are shown.
    await page.getByRole('button', { name: 'Spin the wheel' }).click();
    const reveal = page.getByTestId('ld-reveal');
    await expect(reveal).toBeVisible({ timeout: 15_000 });
    await expect(reveal.getByRole('heading', { name: /^You won: .+!$/ })).toBeVisible();
    const code = (await reveal.getByTestId('ld-reveal-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^LG[2-9A-HJ-NP-Z]{8}$/);
    const prizeName = ((await reveal.getByRole('heading').textContent()) ?? '').replace(/^You won: /, '').replace(/!$/, '');
    await expect(page.getByTestId('ld-draws')).toHaveText('2');

    // The prize is in "My prizes", ready to collect.
    const won = page.locator(`[data-testid="ld-prize"][data-code="${code}"]`);
    await expect(won).toBeVisible();
    await expect(won).toContainText(prizeName);
    await expect(won.getByTestId('ld-prize-state')).toHaveText('Ready to collect');

    // Staff redeem it: a wrong PIN is refused, the right one records the hand-over.
    await won.getByRole('button', { name: 'Staff: redeem' }).click();
    const dialog = page.getByRole('dialog', { name: 'Staff redemption' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(code);
    await dialog.getByLabel('Staff PIN').fill('000000');
    await dialog.getByLabel('Staff name').fill('E2E Staff');
    await dialog.getByRole('button', { name: 'Confirm redemption' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('That staff PIN is not right.');
    await dialog.getByLabel('Staff PIN').fill(STAFF_PIN);
    await dialog.getByRole('button', { name: 'Confirm redemption' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `(${code}) is redeemed.` })).toBeVisible();
    await expect(won.getByTestId('ld-prize-state')).toHaveText('Redeemed');
    await expect(won).toContainText('staff: E2E Staff');
    await expect(won.getByRole('button', { name: 'Staff: redeem' })).toHaveCount(0);

    // A reload keeps the local sign-in for the session; the state comes from the server.
    await page.reload();
    await expect(page.getByTestId('ld-draws')).toHaveText('2');
    await expect(page.locator(`[data-testid="ld-prize"][data-code="${code}"]`).getByTestId('ld-prize-state')).toHaveText('Redeemed');

    // In Thai.
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'ลัคกี้ดรอว์' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'หมุนวงล้อ' })).toBeVisible();
  });

  test('a LINE user without a linked account is sent to account linking', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/liff/lucky-draw');
    const devSignIn = page.getByTestId('ld-dev-sign-in');
    await devSignIn.getByLabel('LINE user id').fill(`U${'0'.repeat(20)}e2eunlinked1`);
    await devSignIn.getByRole('button', { name: 'Sign in locally' }).click();
    const notLinked = page.getByTestId('ld-not-linked');
    await expect(notLinked.getByRole('heading', { name: 'Link your venue account first' })).toBeVisible();
    await expect(notLinked.getByRole('link', { name: 'Link my account' })).toHaveAttribute('href', '/vip/link');
    await expect(page.getByRole('button', { name: 'Spin the wheel' })).toHaveCount(0);
  });

  test('the API refuses a forged LINE token', async ({ request }) => {
    const me = await request.get('/api/liff/me', { headers: { Authorization: 'Bearer not.a.token' } });
    expect(me.status()).toBe(401);
    expect(((await me.json()) as { code: string }).code).toBe('LINE_TOKEN_INVALID');
  });
});
