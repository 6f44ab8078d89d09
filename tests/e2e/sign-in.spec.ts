import { expect, type Page } from '@playwright/test';
import { skipWithoutBrowser, submitGuestSignIn, test } from './support';

skipWithoutBrowser();

/** GET /api/vip/status from inside the page, with the page's cookies. */
function vipStatus(page: Page) {
  return page.evaluate(async () => {
    const response = await fetch('/api/vip/status', { headers: { Accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as unknown };
  });
}

test.describe('guest sign-in', () => {
  test('signs in as a guest and gets a VIP status', async ({ page, baseURL }) => {
    await page.goto('/');
    expect((await vipStatus(page)).status).toBe(401);

    await page.getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

    await submitGuestSignIn(page, { name: 'E2E Guest', email: 'e2e.guest@example.com', phone: '+66 81 234 5678' });

    // Back on the home page, on the same origin (NEXTAUTH_URL matches baseURL).
    await expect(page).toHaveURL(`${baseURL}/`);
    await expect(page.getByRole('heading', { level: 1, name: 'Golf Bay Bangkok' })).toBeVisible();
    await expect(page.getByTestId('availability-grid')).toBeVisible();

    const signedIn = await vipStatus(page);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({ status: 'not_linked', crmCustomerId: null });

    // The session is NextAuth's, with the guest's details.
    const session = await page.evaluate(() => fetch('/api/auth/session').then((response) => response.json() as Promise<unknown>));
    expect(session).toMatchObject({ user: { name: 'E2E Guest', email: 'e2e.guest@example.com' } });
  });

  test('rejects guest details the server finds invalid', async ({ page }) => {
    await page.goto('/login');
    // The browser accepts any text in a tel field; the server's check does not.
    await submitGuestSignIn(page, { name: 'E2E Guest', email: 'e2e.invalid@example.com', phone: 'not a phone' });

    // The form stays, with what was typed (tests/e2e/email-code-sign-in.spec.ts says more).
    await expect(page.getByLabel('Phone', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    // (Next.js's route announcer is an alert too.)
    await expect(page.getByRole('alert').filter({ hasText: 'Sign-in failed. Check your details and try again.' })).toBeVisible();
    expect((await vipStatus(page)).status).toBe(401);
  });
});
