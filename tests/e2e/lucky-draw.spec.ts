import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { signInWithEmailCode } from './mailbox';
import { horizontalOverflow, skipWithoutBrowser } from './support';

skipWithoutBrowser();

/** The venue's first admin: playwright.config.ts lists this email in STAFF_ADMIN_EMAILS. */
const FIRST_ADMIN = 'admin@e2e.venue.example';
/** The seed's LINE user, linked to CUS-0001 with three draws (no other spec touches the lucky draw). */
const DEMO_LINE_USER_ID = 'U00000000000000000000000000demo01';

test.describe('Lucky draw (LIFF)', () => {
  test('a linked LINE customer spins and shows the code; the first admin signs in by emailed code, adds a staff member, who redeems it from their own phone', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
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

    // Nothing on the customer's phone redeems: the code is what they show.
    await expect(won.getByRole('button')).toHaveCount(0);
    await expect(won).toContainText('Show this code to our staff to collect your prize.');

    // The first admin (STAFF_ADMIN_EMAILS) signs in with the emailed code and adds a staff member.
    const adminContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const admin = await adminContext.newPage();
    await admin.goto('/staff/team');
    await admin.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === '/staff/team');
    await signInWithEmailCode(admin, FIRST_ADMIN);
    await admin.waitForURL((url) => url.pathname === '/staff/team');
    await expect(admin.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible();
    await expect(admin.locator(`[data-testid="staff-member"][data-email="${FIRST_ADMIN}"]`).getByTestId('staff-role')).toHaveText('Admin');
    const deskEmail = `desk-${randomBytes(4).toString('hex')}@e2e.venue.example`;
    await admin.getByLabel('Email').fill(deskEmail.toUpperCase());
    await admin.getByLabel('Name').fill('E2E Desk');
    await admin.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(admin.getByTestId('staff-notice')).toHaveText(`${deskEmail} can now sign in with that email.`);
    const deskRow = admin.locator(`[data-testid="staff-member"][data-email="${deskEmail}"]`);
    await expect(deskRow.getByTestId('staff-role')).toHaveText('Staff');
    // The change is on the record: what, whom, by whom.
    const audited = admin.getByTestId('staff-audit').locator('tr', { hasText: deskEmail });
    await expect(audited).toContainText('added as Staff');
    await expect(audited).toContainText(FIRST_ADMIN);

    // The staff member signs in on their own phone and redeems the prize by its code.
    const deskContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const desk = await deskContext.newPage();
    await desk.goto('/staff/redeem');
    await desk.waitForURL((url) => url.pathname === '/login');
    await signInWithEmailCode(desk, deskEmail);
    await desk.waitForURL((url) => url.pathname === '/staff/redeem');
    await expect(desk.getByRole('heading', { level: 1, name: 'Redeem a prize' })).toBeVisible();
    // Staff, not admin: no staff-accounts link.
    await expect(desk.getByRole('link', { name: 'Staff accounts' })).toHaveCount(0);
    await desk.getByLabel('Redemption code').fill('LG2222');
    await desk.getByRole('button', { name: 'Find' }).click();
    await expect(desk.getByTestId('staff-error')).toHaveText('A code is LG followed by 8 letters or digits.');
    await desk.getByLabel('Redemption code').fill(code.toLowerCase());
    await desk.getByRole('button', { name: 'Find' }).click();
    const deskPrize = desk.getByTestId('desk-prize');
    await expect(deskPrize.getByRole('heading', { name: `${prizeName} for ` })).toBeVisible();
    await deskPrize.getByRole('button', { name: 'Confirm redemption' }).click();
    await expect(desk.getByTestId('staff-notice')).toHaveText(`${prizeName} (${code}) handed over, recorded under E2E Desk.`);
    await expect(deskPrize.getByTestId('desk-prize-state')).toContainText('Already handed over');
    expect(await horizontalOverflow(desk)).toBe(0);

    // Removed by the admin, the staff member's next request is refused.
    admin.once('dialog', (dialog) => void dialog.accept());
    await deskRow.getByRole('button', { name: 'Remove' }).click();
    await expect(deskRow).toHaveCount(0);
    await desk.reload();
    await expect(desk.getByText('This sign-in has no staff account.')).toBeVisible();
    await adminContext.close();
    await deskContext.close();

    // The customer's screen shows the hand-over under the staff account's name.
    await page.reload();
    await expect(won.getByTestId('ld-prize-state')).toHaveText('Redeemed');
    await expect(won).toContainText('staff: E2E Desk');

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
