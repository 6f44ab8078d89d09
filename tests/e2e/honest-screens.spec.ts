import { randomUUID } from 'node:crypto';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { waitForEmail } from './mailbox';
import { bangkokDate, findFreeRun, horizontalOverflow, newGuest, randomInt, skipWithoutBrowser, submitGuestSignIn, test, uniqueClientAddress } from './support';

skipWithoutBrowser();

/*
 * Honest screens (issue 14): a demo booking says nothing was booked, an unknown hotel code
 * says it is not recognised, every signed-in screen signs out, cancelled bookings have their
 * own filter, an expired package says it expired, and marketing is opt-in. Screenshots go to
 * test-results/honest/ (phone 390x844 and desktop, English and Thai). Bookings on days 52–55.
 */

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/honest/${name}.png`, fullPage: true });
}

async function setThai(context: BrowserContext, baseURL: string | undefined, thai: boolean) {
  await context.addCookies([{ name: 'locale', value: thai ? 'th' : 'en', url: baseURL ?? 'http://localhost:3100' }]);
}

/** Signs in with the guest form from /login?callbackUrl=`path`, and lands on `path`. */
async function signIn(page: Page, path: string, label: string) {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(path)}`);
  const guest = newGuest(label);
  await submitGuestSignIn(page, guest);
  await page.waitForURL((url) => url.pathname === path);
  return guest;
}

const sessionCookies = async (context: BrowserContext) => (await context.cookies()).filter((cookie) => cookie.name.includes('next-auth.session-token'));

test.describe('demo mode says so', () => {
  test('an unknown code is "not recognised" (en, th); a demo booking says nothing was booked and offers the code again', async ({ page, context, baseURL, request }) => {
    await page.setViewportSize(phone);

    // Thai first: the banner's form, a code no hotel has.
    await setThai(context, baseURL, true);
    await page.goto('/');
    const banner = page.getByTestId('vip-banner');
    await banner.getByLabel('รหัส VIP').fill('WRONG123');
    await banner.getByRole('button', { name: 'ใช้รหัส' }).click();
    await expect(banner).toContainText('ไม่รู้จักรหัส WRONG123');
    await shot(page, 'unknown-code-th-phone');

    // English: still no demo mode until the guest chooses it.
    await setThai(context, baseURL, false);
    await page.goto('/');
    await banner.getByLabel('VIP code').fill('WRONG123');
    await banner.getByRole('button', { name: 'Use code' }).click();
    await expect(banner).toContainText('Code WRONG123 not recognised. Check it with your hotel and enter it again.');
    await expect(banner).not.toContainText('Demo mode');
    await shot(page, 'unknown-code-en-phone');
    await banner.getByRole('button', { name: 'Continue in demo mode (nothing is booked)' }).click();
    await expect(banner).toContainText('Demo mode');

    // A demo booking.
    const date = bangkokDate(randomInt(52, 55));
    const { startTime, bay } = await findFreeRun(request, date, 1, '11:00');
    await page.goto(`/book?date=${date}&time=${startTime}&bay=${encodeURIComponent(bay)}`);
    await expect(page.getByTestId('start-times').getByRole('button', { name: new RegExp(`^${startTime}\\b`), pressed: true })).toBeVisible();
    const guest = newGuest('demo result');
    await page.getByLabel('Name', { exact: true }).fill(guest.name);
    await page.getByLabel('Email', { exact: true }).fill(guest.email);
    await page.getByLabel('Phone', { exact: true }).fill(guest.phone);
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await page.waitForURL(/\/book\/confirmed\?ref=DEMO-/);

    const result = page.getByTestId('demo-booking-result');
    await expect(page.getByRole('heading', { level: 1, name: 'Nothing was booked' })).toBeVisible();
    await expect(result).toContainText('no bay is reserved for you, no email was sent');
    await expect(page.locator('body')).not.toContainText('Booking confirmed');
    await expect(page.locator('body')).not.toContainText('Show or quote it at the front desk');
    await expect(page).toHaveTitle(/Demo: nothing booked/);
    expect(await horizontalOverflow(page)).toBe(0);
    await shot(page, 'demo-result-en-phone');

    // Mistyped again, then the hotel's real code: the way to a real booking.
    const reenter = page.getByTestId('demo-reenter-code');
    await reenter.getByLabel('VIP code').fill('WRONG124');
    await reenter.getByRole('button', { name: 'Use code' }).click();
    await expect(reenter).toContainText('Code WRONG124 not recognised.');
    await reenter.getByLabel('VIP code').fill('MIAMI2024');
    await reenter.getByRole('button', { name: 'Use code' }).click();
    await expect(reenter).toContainText('VIP code accepted (Luxury Resort Miami). Now book your bay for real.');
    await expect(page.getByTestId('vip-banner')).toContainText('VIP access via Luxury Resort Miami');
    await expect(reenter.getByRole('link', { name: 'Book for real' })).toHaveAttribute('href', '/book');

    // The same page in Thai, on a desktop.
    await page.setViewportSize(desktop);
    await setThai(context, baseURL, true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'ยังไม่ได้จองอะไร' })).toBeVisible();
    await shot(page, 'demo-result-th-desktop');

    // Nothing was taken.
    const after = (await (await request.get(`/api/availability?date=${date}`)).json()) as { availableSlots: { bay: string; startTime: string; available: boolean }[] };
    expect(after.availableSlots.find((slot) => slot.bay === bay && slot.startTime === startTime)?.available).toBe(true);
  });
});

test.describe('sign-out', () => {
  // Every screen that shows a signed-in user; /admin/outbox as a signed-in member who is no admin.
  for (const path of ['/', '/book', '/vip', '/vip/bookings', '/vip/packages', '/vip/profile', '/vip/link', '/admin/outbox']) {
    test(`signs out from ${path}: the session cookie is gone and /vip asks to sign in again`, async ({ page, context }) => {
      await signIn(page, path, `sign out ${path}`);
      expect(await sessionCookies(context)).toHaveLength(1);
      const button = page.getByTestId('sign-out');
      await expect(button).toHaveText('Sign out');
      if (path === '/vip') {
        await page.setViewportSize(phone);
        await shot(page, 'vip-signed-in-en-phone');
      }
      await button.click();
      await page.waitForURL((url) => url.pathname === '/');
      await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
      expect(await sessionCookies(context)).toEqual([]);
      const session = await page.evaluate(() => fetch('/api/auth/session').then((response) => response.json() as Promise<unknown>));
      expect(session).toEqual({});
      await page.goto('/vip');
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === '/vip');
    });
  }

  test('the sign-out button speaks Thai', async ({ page, context, baseURL }) => {
    await signIn(page, '/vip', 'sign out th');
    await setThai(context, baseURL, true);
    await page.setViewportSize(phone);
    await page.reload();
    await expect(page.getByTestId('sign-out')).toHaveText('ออกจากระบบ');
    await shot(page, 'vip-signed-in-th-phone');
    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.pathname === '/');
    expect(await sessionCookies(context)).toEqual([]);
  });
});

test.describe('VIP portal states', () => {
  test('a cancelled future booking is under Cancelled, not Past', async ({ page, context, baseURL }) => {
    const address = uniqueClientAddress();
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': address });
    const guest = await signIn(page, '/vip/bookings', 'cancelled filter');
    const date = bangkokDate(randomInt(52, 55));
    const { startTime, bay } = await findFreeRun(page.request, date, 1, '19:00');
    const created = await page.request.post('/api/bookings/create', {
      headers: { 'Idempotency-Key': randomUUID(), 'X-Forwarded-For': address },
      data: { date, startTime, bay, duration: 1, numberOfPeople: 2, customerName: guest.name, customerEmail: guest.email, customerPhone: guest.phone },
    });
    expect(created.status()).toBe(200);
    const { bookingReference: reference } = (await created.json()) as { bookingReference: string };
    const listed = (await (await page.request.get('/api/vip/bookings?filter=future')).json()) as { bookings: { id: string; reference: string }[] };
    const id = listed.bookings.find((booking) => booking.reference === reference)!.id;
    const cancelled = await page.request.post(`/api/vip/bookings/${id}/cancel`, { headers: { Origin: baseURL ?? '' }, data: { cancellationReason: 'Rained off' } });
    expect(cancelled.status()).toBe(200);

    const card = page.locator(`[data-testid="vip-booking"][data-reference="${reference}"]`);
    await page.goto('/vip/bookings?filter=past');
    await expect(page.getByTestId('vip-bookings-empty')).toContainText('You have no past bookings.');
    await expect(card).toHaveCount(0);
    await page.getByRole('button', { name: 'Cancelled' }).click();
    await expect(card).toBeVisible();
    await expect(card.getByTestId('vip-booking-status')).toHaveText('Cancelled');
    await expect(card).toContainText('Rained off');
    expect(new URL(page.url()).searchParams.get('filter')).toBe('cancelled');
    await page.setViewportSize(phone);
    await shot(page, 'cancelled-filter-en-phone');
    await setThai(context, baseURL, true);
    await page.reload();
    await expect(page.getByRole('button', { name: 'ที่ยกเลิก' })).toHaveAttribute('aria-pressed', 'true');
    await expect(card.getByTestId('vip-booking-status')).toBeVisible();
    await shot(page, 'cancelled-filter-th-phone');
  });

  test('an expired package says it expired and what was left unused (en, th)', async ({ page, context, baseURL }) => {
    await signIn(page, '/vip/link', 'expired package');
    // The seeded CUS-0002 (+66810000002) has "Starter 5 Hours", 2 used, expired long ago; linking mails its owner a code.
    const since = Date.now();
    await page.getByLabel('Phone', { exact: true }).fill('0810000002');
    await page.getByRole('button', { name: 'Find my account' }).click();
    const mail = await waitForEmail({ to: 'oliver.demo@example.com', subject: 'verification code', since });
    const code = /\b(\d{6})\b/.exec(mail.subject)![1]!;
    await page.getByLabel('6-digit code').fill(code);
    await page.getByRole('button', { name: 'Link account' }).click();
    await expect(page.getByText('Your account is linked')).toBeVisible();

    await page.goto('/vip/packages');
    const expired = page.getByTestId('vip-package').filter({ hasText: 'Starter 5 Hours' });
    await expect(expired.getByTestId('vip-package-hours')).toHaveText(/^Expired on .+: 3 of 5 hours were left unused \(2 used\)\.$/);
    await expect(expired).not.toContainText('hours left');
    await page.setViewportSize(desktop);
    await shot(page, 'expired-package-en-desktop');
    await setThai(context, baseURL, true);
    await page.setViewportSize(phone);
    await page.reload();
    // In Thai the package has its Thai name (public.packages.package_name_th).
    const expiredTh = page.getByTestId('vip-package').filter({ hasText: 'แพ็กเกจเริ่มต้น 5 ชั่วโมง' });
    await expect(expiredTh.getByTestId('vip-package-hours')).toContainText('หมดอายุแล้วเมื่อ');
    await expect(expiredTh.getByTestId('vip-package-hours')).toContainText('เหลือ 3 จาก 5 ชั่วโมงที่ไม่ได้ใช้');
    await shot(page, 'expired-package-th-phone');
  });

  test('marketing is off until ticked, and the notice says what was saved (en, th)', async ({ page, context, baseURL }) => {
    await page.setViewportSize(phone);
    await signIn(page, '/vip/profile', 'marketing');
    const marketing = page.getByLabel('Send me news and offers by email');
    await expect(marketing).not.toBeChecked();
    await expect(page.getByText('Off unless you tick it. You can change your mind at any time.')).toBeVisible();
    await marketing.check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('vip-profile-outcome')).toHaveText('You will get news and offers by email. You can untick this at any time.');
    await marketing.uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByTestId('vip-profile-outcome')).toHaveText('You will no longer get news and offers by email.');
    await shot(page, 'marketing-off-en-phone');
    await page.reload();
    await expect(marketing).not.toBeChecked();

    await setThai(context, baseURL, true);
    await page.reload();
    const thai = page.getByLabel('ส่งข่าวสารและข้อเสนอทางอีเมลถึงฉัน');
    await thai.check();
    await page.getByRole('button', { name: 'บันทึกการเปลี่ยนแปลง' }).click();
    await expect(page.getByTestId('vip-profile-outcome')).toHaveText('คุณจะได้รับข่าวสารและข้อเสนอทางอีเมล ยกเลิกได้ทุกเมื่อ');
    await shot(page, 'marketing-on-th-phone');
  });
});
