import { expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { FIRST_ADMINS, signInWithEmailCode, waitForEmail } from './mailbox';
import { horizontalOverflow, skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

const FIRST_ADMIN = FIRST_ADMINS.luckyDraw;
/** The seed's LINE user, linked to CUS-0001 with three draws (no other spec touches the lucky draw). */
const DEMO_LINE_USER_ID = 'U00000000000000000000000000demo01';

/** A QR code of `text` as a PNG, as a photo of the customer's screen would carry it. */
const qrPng = (text: string) => QRCode.toBuffer(text, { type: 'png', margin: 4, scale: 8 });

/**
 * A QR code of `text` as a Y4M video (what Chromium's fake camera plays on a loop): black modules
 * on white, 640x480, a few identical frames.
 */
function qrY4m(text: string, file: string): string {
  const [width, height, scale] = [640, 480, 10];
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = (modules.size + 8) * scale;
  const [left, top] = [(width - side) / 2, (height - side) / 2];
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [mx, my] = [Math.floor((x - left) / scale) - 4, Math.floor((y - top) / scale) - 4];
      if (mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(mx, my)) luma[y * width + x] = 16;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]));
  return file;
}

test.describe('Lucky draw (LIFF)', () => {
  test('a linked LINE customer spins and shows the code and its QR; the first admin signs in by emailed code, adds a staff member, who scans it from their own phone and redeems it', async ({
    page,
    browser,
    playwright,
  }, testInfo) => {
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
    // Every label whole (wrapped, never "Golf Balls (3 p…").
    const labels = page.getByTestId('ld-wheel-label');
    expect((await labels.allTextContents()).join('|')).not.toContain('…');
    await expect(labels.filter({ hasText: 'Golf Balls' })).toHaveText('Golf Balls(3 pack)');
    await expect(page.getByText('No prizes yet. Spin the wheel to win one.')).toBeVisible();
    expect(await horizontalOverflow(page)).toBe(0);
    // The live region is there, empty, before any result, so a screen reader announces what comes.
    await expect(page.getByTestId('ld-announce')).toHaveText('');

    // Spin: the wheel turns, then the prize and its code are shown, in view and focused (390x844).
    await page.getByRole('button', { name: 'Spin the wheel' }).click();
    const reveal = page.getByTestId('ld-reveal');
    await expect(reveal).toBeVisible({ timeout: 15_000 });
    const revealHeading = reveal.getByRole('heading', { name: /^You won: .+!$/ });
    await expect(revealHeading).toBeVisible();
    await expect(revealHeading).toBeFocused();
    const code = (await reveal.getByTestId('ld-reveal-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^LG[2-9A-HJ-NP-Z]{8}$/);
    await expect(revealHeading).toBeInViewport({ ratio: 1 });
    await expect(reveal.getByTestId('redemption-qr-code')).toBeInViewport({ ratio: 1 });
    // The code as a QR symbol beside its text.
    const qr = reveal.getByRole('img', { name: `QR code of the redemption code ${code}` });
    await expect(qr).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('ld-announce')).toContainText(code);
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
    // The invitation email: the role and the sign-in link, in English and Thai.
    const invitation = await waitForEmail({ to: deskEmail, subject: /staff account/ });
    expect(invitation.text).toContain('as Staff.');
    expect(invitation.text).toContain('/login?callbackUrl=/staff');
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
    // No camera on this phone (or not allowed): said, and typing still works.
    await desk.getByRole('button', { name: 'Scan with the camera' }).click();
    await expect(desk.getByTestId('scan-problem')).toHaveText(/^(The camera was not allowed|No camera can be used on this device)/);
    // A photo that is no QR code at all.
    await desk.getByLabel('Take or choose a photo of the QR code').setInputFiles({ name: 'blank.png', mimeType: 'image/png', buffer: await QRCode.toBuffer('not a redemption code', { type: 'png' }) });
    await expect(desk.getByTestId('scan-problem')).toHaveText('No redemption code was found in that photo. Try again closer, or type the code.');
    // The photo of the customer's QR code: decoded, it fills the field and shows the prize.
    await desk.getByLabel('Take or choose a photo of the QR code').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: await qrPng(code) });
    await expect(desk.getByLabel('Redemption code')).toHaveValue(code);
    const deskPrize = desk.getByTestId('desk-prize');
    await expect(deskPrize.getByRole('heading', { name: `${prizeName} for ` })).toBeVisible();
    await deskPrize.getByRole('button', { name: 'Confirm redemption' }).click();
    await expect(desk.getByTestId('staff-notice')).toHaveText(`${prizeName} (${code}) handed over, recorded under E2E Desk.`);
    await expect(deskPrize.getByTestId('desk-prize-state')).toContainText('Already handed over');
    expect(await horizontalOverflow(desk)).toBe(0);

    // The camera: Chromium's fake camera plays the customer's QR code; a video frame decoded
    // fills the field and shows the prize (already handed over now), and the camera stops.
    const cameraBrowser = await playwright.chromium.launch({
      ...testInfo.project.use.launchOptions,
      args: [
        ...(testInfo.project.use.launchOptions?.args ?? []),
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${qrY4m(code, path.join(testInfo.outputDir, 'qr.y4m'))}`,
      ],
    });
    const cameraContext = await cameraBrowser.newContext({ viewport: { width: 390, height: 844 }, baseURL: testInfo.project.use.baseURL, permissions: ['camera'] });
    const cameraPage = await cameraContext.newPage();
    await cameraPage.goto('/staff/redeem');
    await cameraPage.waitForURL((url) => url.pathname === '/login');
    await signInWithEmailCode(cameraPage, deskEmail);
    await cameraPage.waitForURL((url) => url.pathname === '/staff/redeem');
    await cameraPage.getByRole('button', { name: 'Scan with the camera' }).click();
    await expect(cameraPage.getByLabel('Redemption code')).toHaveValue(code, { timeout: 15_000 });
    await expect(cameraPage.getByTestId('desk-prize').getByTestId('desk-prize-state')).toContainText('Already handed over');
    await expect(cameraPage.getByRole('button', { name: 'Scan with the camera' })).toBeVisible();
    await cameraBrowser.close();

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
