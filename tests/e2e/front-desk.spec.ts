import { expect } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { FROZEN_VENUE_DAY } from './venue-clock';
import { FIRST_ADMINS, openSignedIn, waitForEmail } from './mailbox';
import { findFreeRun, horizontalOverflow, randomInt, skipWithoutBrowser, submitGuestSignIn, test } from './support';

skipWithoutBrowser();

const FIRST_ADMIN = FIRST_ADMINS.frontDesk;
/**
 * The seed's second LINE customer with draws (supabase/seed.sql), signed in through the local
 * LIFF sign-in (DEV_TOOLS=1); lucky-draw.spec.ts counts the first one's draws.
 */
const DEMO_LINE_USER_ID = 'U00000000000000000000000000demo02';

const hourAfter = (time: string) => `${String(Number(time.slice(0, 2)) + 1).padStart(2, '0')}:${time.slice(3)}`;

/**
 * The front desk's day (issue #16, "Done when"): the first admin signs in by the emailed code and
 * adds a staff member, who signs in on their own tablet, books a walk-in for an existing VIP member
 * from the day sheet, moves it, checks it in and redeems a prize by its code; the member's own
 * /vip/bookings page shows the moved booking.
 */
test('the front desk books a walk-in for a VIP member, moves it, checks it in and redeems a prize; the member sees the moved booking', async ({ browser }) => {
  test.setTimeout(150_000);
  const tag = randomBytes(3).toString('hex');

  // The first admin signs in with the code emailed to them and adds a staff member.
  const adminContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const admin = await adminContext.newPage();
  await openSignedIn(admin, '/staff/team', FIRST_ADMIN);
  const deskEmail = `front-desk-${tag}@e2e.venue.example`;
  await admin.getByLabel('Email').fill(deskEmail);
  await admin.getByLabel('Name').fill(`E2E Front Desk ${tag}`);
  await admin.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(admin.getByTestId('staff-notice')).toHaveText(`${deskEmail} can now sign in with that email.`);

  // An existing VIP member: a customer record the venue has, and a member who linked their account to it.
  const member = { name: `E2E Member ${tag}`, email: `e2e.front-desk.${tag}@example.com`, phone: `081${randomInt(1000000, 9999999)}` };
  const record = await admin.request.post('/api/staff/customers', { data: member });
  expect(record.status(), await record.text()).toBe(201);
  const memberContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const memberPage = await memberContext.newPage();
  await memberPage.goto('/vip/link');
  await memberPage.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('callbackUrl') === '/vip/link');
  await submitGuestSignIn(memberPage, member);
  await memberPage.waitForURL((url) => url.pathname === '/vip/link');
  const linkSince = Date.now();
  await memberPage.getByLabel('Phone', { exact: true }).fill(member.phone);
  await memberPage.getByRole('button', { name: 'Find my account' }).click();
  const linkMail = await waitForEmail({ to: member.email, subject: /verification code/, since: linkSince });
  const linkCode = /\b(\d{6})\b/.exec(linkMail.subject)?.[1] ?? /\b(\d{6})\b/.exec(linkMail.text)?.[1];
  await memberPage.getByLabel('6-digit code').fill(linkCode!);
  await memberPage.getByRole('button', { name: 'Link account' }).click();
  await expect(memberPage.getByRole('heading', { name: 'Your account is linked' })).toBeVisible();

  // The staff member signs in on the desk's tablet (their own emailed code) and opens today.
  const deskContext = await browser.newContext({ viewport: { width: 820, height: 1180 } });
  const desk = await deskContext.newPage();
  await openSignedIn(desk, '/staff', deskEmail);
  await expect(desk.getByRole('heading', { level: 1, name: 'Day sheet' })).toBeVisible();
  await expect(desk.getByTestId('day-sheet')).toBeVisible();

  // Two free hours today (the frozen venue clock's day) in one bay that takes the party of 3: the walk-in takes the first, the move the second.
  const today = FROZEN_VENUE_DAY;
  const { bay, startTime } = await findFreeRun(desk.request, today, 2, '19:00', 3);
  const moved = hourAfter(startTime);

  // The walk-in, from the free cell: find the member by the phone as they say it, then book.
  await desk.getByRole('button', { name: `Book ${bay} at ${startTime}` }).click();
  const form = desk.getByTestId('new-booking');
  await expect(form.getByRole('heading', { name: `New booking, ${today}` })).toBeFocused();
  await form.getByLabel('Phone, name or booking reference').fill(`${member.phone.slice(0, 3)} ${member.phone.slice(3, 6)} ${member.phone.slice(6)}`);
  await form.getByRole('button', { name: `Book for ${member.name}` }).click();
  await expect(form.getByTestId('chosen-customer')).toContainText(`${member.name}`);
  await expect(form.getByTestId('chosen-customer')).toContainText('Member');
  await expect(form.getByLabel('Bay', { exact: true })).toHaveValue(bay);
  await expect(form.getByLabel('Start', { exact: true })).toHaveValue(startTime);
  await form.getByLabel('People', { exact: true }).selectOption('3');
  await expect(form.getByTestId('new-booking-price')).toHaveText(/^Price: ฿[\d,]+$/);
  expect(await horizontalOverflow(desk)).toBe(0);
  // The customer's messages in the language they speak: the desk's by default, Thai for this one.
  const language = form.getByLabel('Customer’s language (confirmation email and LINE)');
  await expect(language).toHaveValue('en');
  await language.selectOption('th');
  const bookedSince = Date.now();
  await form.getByRole('button', { name: 'Book', exact: true }).click();
  const done = desk.getByTestId('new-booking-done');
  await expect(done).toContainText(`${member.name}, ${bay} ${startTime}–${hourAfter(startTime)}`);
  const reference = /BK\d{6}[0-9A-Z]{8}/.exec((await done.textContent()) ?? '')?.[0];
  expect(reference).toBeTruthy();
  const card = desk.locator(`[data-testid="day-sheet-booking"][data-reference="${reference}"]`);
  await expect(card).toBeVisible({ timeout: 5000 });
  await expect(card).toContainText('3 people');
  await expect(card).toContainText('Walk-in');
  await expect(card.getByTestId('staff-changes')).toContainText(`by E2E Front Desk ${tag} (Walk-in)`);
  const confirmation = await waitForEmail({ to: member.email, subject: /^ยืนยันการจอง: /, since: bookedSince });
  expect(confirmation.subject).toContain(reference!);

  // The desk moves it an hour later, with a reason.
  await card.getByText('Move or cancel').click();
  await card.getByLabel('Start').fill(moved);
  await card.getByLabel('Reason (kept on the record)').fill('Customer asked for a later start');
  await card.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(card).toContainText(`${moved}–${hourAfter(moved)}`, { timeout: 5000 });
  await expect(card.getByTestId('staff-changes')).toContainText('Customer asked for a later start');

  // The customer arrives: checked in from the sheet.
  await card.getByRole('button', { name: 'Check in' }).click();
  await expect(card.getByTestId('attendance').locator('[data-outcome="checked_in"]')).toContainText(`by E2E Front Desk ${tag}`);

  // A caller the venue has never seen: not found by their number, added on the spot; Escape closes the form.
  const newcomer = `081${randomInt(1000000, 9999999)}`;
  const newBooking = desk.getByRole('button', { name: 'New booking', exact: true });
  await newBooking.click();
  await form.getByLabel('Phone, name or booking reference').fill(newcomer);
  await expect(form.getByText('No customer found. Add them as a new customer.')).toBeVisible();
  await form.getByText('New customer', { exact: true }).click();
  await expect(form.getByLabel('Phone', { exact: true })).toHaveValue(newcomer);
  await form.getByLabel('Name', { exact: true }).fill(`E2E Caller ${tag}`);
  await form.getByRole('button', { name: 'Add customer' }).click();
  await expect(form.getByTestId('chosen-customer')).toContainText(`E2E Caller ${tag}`);
  await expect(form.getByTestId('chosen-customer')).toContainText('Guest');
  await form.getByLabel('Phone booking').check();
  await desk.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(newBooking).toBeFocused();

  // A prize the customer won on their LINE screen, redeemed at the desk by its code.
  const lineContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const line = await lineContext.newPage();
  await line.goto('/liff/lucky-draw');
  const devSignIn = line.getByTestId('ld-dev-sign-in');
  await devSignIn.getByLabel('LINE user id').fill(DEMO_LINE_USER_ID);
  await devSignIn.getByRole('button', { name: 'Sign in locally' }).click();
  await line.getByRole('button', { name: 'Spin the wheel' }).click();
  const reveal = line.getByTestId('ld-reveal');
  await expect(reveal).toBeVisible({ timeout: 15_000 });
  const code = (await reveal.getByTestId('ld-reveal-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^LG[2-9A-HJ-NP-Z]{8}$/);
  await desk.goto('/staff/redeem');
  await desk.getByLabel('Redemption code').fill(code);
  await desk.getByRole('button', { name: 'Find' }).click();
  const prize = desk.getByTestId('desk-prize');
  await prize.getByRole('button', { name: 'Confirm redemption' }).click();
  await expect(desk.getByTestId('staff-notice')).toContainText(`(${code}) handed over, recorded under E2E Front Desk ${tag}.`);

  // The desk in Thai, at a phone's width.
  await desk.setViewportSize({ width: 390, height: 844 });
  await desk.goto('/staff');
  await desk.getByRole('button', { name: 'ภาษาไทย' }).click();
  await desk.getByRole('button', { name: 'จองใหม่', exact: true }).click();
  await expect(desk.getByTestId('new-booking').getByRole('heading', { name: `จองใหม่ ${today}` })).toBeFocused();
  await expect(desk.getByTestId('new-booking').getByLabel('เบอร์โทร ชื่อ หรือรหัสการจอง')).toBeVisible();
  expect(await horizontalOverflow(desk)).toBe(0);

  // The member's own bookings page shows the moved booking.
  await memberPage.goto('/vip/bookings');
  const theirs = memberPage.locator(`[data-testid="vip-booking"][data-reference="${reference}"]`);
  await expect(theirs).toBeVisible();
  await expect(theirs.getByTestId('vip-booking-time')).toContainText(`${moved}–${hourAfter(moved)}`);

  await lineContext.close();
  await deskContext.close();
  await memberContext.close();
  await adminContext.close();
});
