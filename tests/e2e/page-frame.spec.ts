import { expect, type BrowserContext } from '@playwright/test';
import { translate, type Locale, type MessageKey } from '../../lib/i18n/messages';
import { skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

/*
 * What every page wears (issue 15, items 5 and 7): the concierge-code bar only on the booking
 * pages, and there as a named landmark that says what an open session gives; tab titles in the
 * chosen language; a real 404 page in English and Thai with the way home.
 */

async function setLocale(context: BrowserContext, baseURL: string | undefined, locale: Locale) {
  await context.addCookies([{ name: 'locale', value: locale, url: baseURL ?? 'http://127.0.0.1:3100' }]);
}

/** The tab title: the page's own name first (the venue's name follows). */
const titleOf = (locale: Locale, key: MessageKey) => new RegExp(`^${translate(locale, key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · .+`);

test.describe('the concierge-code bar', () => {
  test('shows on the booking pages only, as a named landmark', async ({ page }) => {
    for (const path of ['/', '/book', '/book/confirmed?ref=DEMO-0A1B2C3D']) {
      await page.goto(path);
      const bar = page.getByRole('complementary', { name: 'Hotel VIP code' });
      await expect(bar, path).toBeVisible();
      await expect(bar.getByTestId('vip-session-notice'), path).toHaveText('Have a VIP code from your hotel?');
    }
    // Signed out, /vip, /staff and /admin/outbox go to the sign-in page, which has no bar either.
    for (const path of ['/login', '/vip', '/staff', '/admin/outbox', '/book/manage', '/dev/outbox', '/liff/lucky-draw', '/no-such-page']) {
      await page.goto(path);
      await expect(page.locator('main'), path).toBeVisible();
      await expect(page.getByTestId('vip-banner'), path).toHaveCount(0);
    }
  });

  test('an open session says what it gives and when it ends, in English and Thai, and stays off the other pages', async ({ page, context, baseURL }) => {
    await page.goto('/?vip=MIAMI2024');
    const bar = page.getByRole('complementary', { name: 'Hotel VIP code' });
    await expect(bar).toContainText('VIP access via Luxury Resort Miami (concierge John Doe).');
    // 24 hours from now, in Bangkok time: tomorrow's date there.
    const end = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'Asia/Bangkok' }).format(new Date(Date.now() + 24 * 3600_000));
    await expect(bar.getByTestId('vip-gives')).toHaveText(new RegExp(`^Bookings you make here until ${end}, \\d\\d:\\d\\d \\(Bangkok time\\) are made through your hotel’s concierge and credited to them\\.$`));
    await expect(bar).toContainText(/2[34] h \d+ min left\./);

    // The VIP portal and the sign-in page do nothing with it: no bar there; the booking form has it again.
    await page.goto('/login');
    await expect(page.getByTestId('vip-banner')).toHaveCount(0);
    await page.goto('/book');
    await expect(page.getByTestId('vip-gives')).toBeVisible();

    await setLocale(context, baseURL, 'th');
    await page.reload();
    const thaiBar = page.getByRole('complementary', { name: 'รหัส VIP จากโรงแรม' });
    await expect(thaiBar.getByTestId('vip-gives')).toContainText('จะทำผ่านคอนเซียร์จของโรงแรมคุณ');
    await expect(thaiBar.getByRole('button', { name: translate('th', 'vipEnd') })).toBeVisible();
  });
});

test.describe('the 404 page and the tab titles', () => {
  for (const locale of ['en', 'th'] as const) {
    test(`an unknown address says so in ${locale}, with a tab title and the way home`, async ({ page, context, baseURL }) => {
      await setLocale(context, baseURL, locale);
      const response = await page.goto('/no-such-page/at-all');
      expect(response?.status()).toBe(404);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expect(page.getByRole('heading', { level: 1, name: translate(locale, 'notFoundTitle') })).toBeVisible();
      await expect(page.getByText(translate(locale, 'notFoundText'))).toBeVisible();
      await expect(page).toHaveTitle(titleOf(locale, 'notFoundTitle'));
      await page.getByRole('link', { name: translate(locale, 'notFoundHome') }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await expect(page.getByTestId('vip-banner')).toBeVisible();
    });
  }

  test('every page names itself in the tab in Thai, and the developer page speaks Thai', async ({ page, context, baseURL }) => {
    await setLocale(context, baseURL, 'th');
    const pages: [string, MessageKey][] = [
      ['/book', 'bookHeading'],
      ['/book/manage', 'manageTitle'],
      ['/book/confirmed?ref=DEMO-0A1B2C3D', 'titleDemo'],
      ['/login', 'loginHeading'],
      ['/liff/lucky-draw', 'ldTitle'],
      ['/dev/outbox', 'devToolsOutbox'],
    ];
    for (const [path, key] of pages) {
      await page.goto(path);
      await expect(page, path).toHaveTitle(titleOf('th', key));
    }
    await expect(page.getByRole('heading', { level: 1, name: 'ข้อความที่บันทึกไว้' })).toBeVisible();
    await expect(page.getByText(translate('th', 'doIntro'))).toBeVisible();
    // The home page's tab is the venue's name alone, as its heading says it.
    await page.goto('/');
    const venue = (await page.getByRole('heading', { level: 1 }).first().textContent())?.trim() ?? '';
    expect(venue).not.toBe('');
    await expect(page).toHaveTitle(venue);
  });

  test('the sign-in page switches to Thai and back from itself, and keeps where it leads', async ({ page }) => {
    await page.goto('/login?callbackUrl=/vip/bookings');
    await expect(page.getByRole('heading', { level: 1, name: translate('en', 'loginHeading') })).toBeVisible();
    await page.getByRole('button', { name: 'ภาษาไทย' }).click();
    await expect(page.getByRole('heading', { level: 1, name: translate('th', 'loginHeading') })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'th');
    await expect(page).toHaveTitle(titleOf('th', 'loginHeading'));
    expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe('/vip/bookings');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: translate('en', 'loginHeading') })).toBeVisible();
  });
});
