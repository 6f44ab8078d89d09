import { expect } from '@playwright/test';
import { waitForEmail } from './mailbox';
import { bangkokDate, bookViaApi, findFreeRun, newGuest, randomInt, skipWithoutBrowser, submitGuestSignIn, test } from './support';

skipWithoutBrowser();

/**
 * Issue 14: signing in with a code emailed to the address (read from the SMTP stand-in, as
 * the person reads their inbox), then claiming the booking made earlier as a guest with that
 * email; and the login form's findings: a refused sign-in keeps what was typed and names the
 * field, and a full same-origin `callbackUrl` is where the person returns (another origin never).
 */

/** The 6-digit code of the newest sign-in email to `email` received since `since`. */
async function emailedCode(email: string, since: number): Promise<string> {
  const mail = await waitForEmail({ to: email, subject: 'sign-in code', since });
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  expect(code, mail.text).toMatch(/^\d{6}$/);
  return code!;
}

test.describe('sign-in with an emailed code', () => {
  test('a guest who booked signs in with the emailed code, returns to their bookings, and claims the booking', async ({ page, request, baseURL }) => {
    const guest = newGuest('email code');
    const date = bangkokDate(randomInt(35, 45));
    const slot = await findFreeRun(request, date, 1, '16:00');
    const booked = await bookViaApi(request, { date, ...slot }, { guest });
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    const reference = String(booked.body.bookingReference);

    // The bookings page sends a visitor to sign in, and back.
    await page.goto('/vip/bookings');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === '/vip/bookings');
    const form = page.getByTestId('email-code-sign-in');
    await expect(form.getByRole('heading', { name: 'Sign in with an email code' })).toBeVisible();

    // With the keyboard: type the address, Enter sends the code.
    const since = Date.now();
    await form.getByLabel('Email address').fill(guest.email);
    await form.getByLabel('Email address').press('Enter');
    await expect(form.getByRole('status')).toHaveText(`If ${guest.email} can receive email, a code is on its way. It works for 10 minutes.`);
    const codeField = form.getByLabel('6-digit code');
    await expect(codeField).toBeFocused();
    const code = await emailedCode(guest.email, since);

    // A wrong code is refused; the field keeps it and says what is wrong.
    const wrong = code === '123456' ? '654321' : '123456';
    await codeField.fill(wrong);
    await codeField.press('Enter');
    await expect(form.getByRole('alert')).toHaveText('That code is not right. Check the email and try again.');
    await expect(codeField).toHaveValue(wrong);
    await expect(codeField).toHaveAttribute('aria-invalid', 'true');

    await codeField.fill(code);
    await form.getByRole('button', { name: 'Sign in with the code' }).click();
    await expect(page).toHaveURL(`${baseURL}/vip/bookings`);

    // The session says the email is verified; the booking made as a guest is offered.
    const session = await page.evaluate(() => fetch('/api/auth/session').then((response) => response.json() as Promise<{ user?: { email?: string } }>));
    expect(session.user?.email).toBe(guest.email.toLowerCase());
    const offered = page.getByTestId('guest-bookings');
    await expect(offered.getByRole('heading', { name: `Bookings made as a guest with ${guest.email.toLowerCase()}` })).toBeVisible();
    const card = offered.locator(`[data-testid="vip-booking"][data-reference="${reference}"]`);
    await expect(card).toBeVisible();
    await expect(page.getByTestId('vip-bookings-empty')).toBeVisible();

    await card.getByRole('button', { name: 'Add to my account' }).click();
    await expect(page.getByTestId('vip-notice')).toHaveText(`Booking ${reference} is now in your account.`);
    await expect(page.getByTestId('guest-bookings')).toHaveCount(0);
    await expect(page.locator(`[data-testid="vip-booking"][data-reference="${reference}"]`)).toBeVisible();
  });

  test('in Thai, the email-code sign-in speaks Thai', async ({ page, baseURL }) => {
    await page.context().addCookies([{ name: 'locale', value: 'th', url: baseURL! }]);
    await page.goto('/login');
    const form = page.getByTestId('email-code-sign-in');
    await expect(form.getByRole('heading', { name: 'เข้าสู่ระบบด้วยรหัสทางอีเมล' })).toBeVisible();
    await expect(form.getByLabel('อีเมลสำหรับรับรหัส')).toBeVisible();
    await expect(form.getByRole('button', { name: 'ส่งรหัสทางอีเมล' })).toBeVisible();
  });
});

test.describe('the login form', () => {
  test('a refused guest sign-in keeps what was typed and says which field is wrong', async ({ page }) => {
    await page.goto('/login');
    const guest = { name: 'E2E Typist', email: 'e2e.typist@example.com', phone: 'not a phone' };
    await submitGuestSignIn(page, guest);

    await expect(page.getByRole('alert').filter({ hasText: 'Sign-in failed. Check your details and try again.' })).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    const phone = page.getByLabel('Phone', { exact: true });
    await expect(phone).toHaveValue(guest.phone);
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Enter a phone number, like 081 234 5678 or +44 20 7946 0958.')).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(guest.name);
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(guest.email);
    await expect(page.getByLabel('Email', { exact: true })).toHaveAttribute('aria-invalid', 'false');

    // Corrected, it signs in.
    await phone.fill('081 234 5678');
    await page.getByRole('button', { name: 'Continue as guest' }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('a full URL of this site as callbackUrl is where sign-in returns to; another site never is', async ({ page, baseURL }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent(`${baseURL}/vip/bookings`)}`);
    await submitGuestSignIn(page, newGuest('callback'));
    await expect(page).toHaveURL(`${baseURL}/vip/bookings`);
    await expect(page.getByRole('heading', { level: 1, name: 'My bookings' })).toBeVisible();

    // The open redirect: signed in again from a link that names another origin, the person stays here.
    await page.context().clearCookies();
    for (const target of ['https://evil.example/phish', '//evil.example/phish', '/\\evil.example/phish']) {
      await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
      await submitGuestSignIn(page, newGuest('open redirect'));
      await expect(page).toHaveURL(`${baseURL}/`);
      await page.context().clearCookies();
    }
  });
});
