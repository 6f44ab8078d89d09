import { expect, type Page } from '@playwright/test';
import {
  bangkokDate,
  bookViaApi,
  findFreeRun,
  gridFor,
  horizontalOverflow,
  newGuest,
  randomInt,
  skipWithoutBrowser,
  submitGuestSignIn,
  test,
  type Guest,
  uniqueClientAddress,
} from './support';

skipWithoutBrowser();

/*
 * Each test books on its own range of days (the e2e database lives for the whole run and
 * workers run in parallel; availability.spec.ts expects days 0, 1 and 7 untouched), and
 * sends its browser requests from its own client address, so the guest booking limit
 * (3 an hour per address) is never shared between tests.
 */

const REFERENCE = /^BK\d{6}[0-9A-Z]{8}$/;
const EMAIL_STATUS = /^(We've emailed you a confirmation at .+\.|Your booking is confirmed; the email is on its way\.)$/;

/** A start-time chip of the form (a toggle button named by its time, then its price). */
const timeChip = (page: Page, time: string) => page.getByTestId('start-times').getByRole('button', { name: new RegExp(`^${time}\\b`) });
/** A bay chip of the form (named by the bay in the page's language, then its hourly price and capacity), by the bay's API name. */
const bayChip = (page: Page, bay: string) => page.getByTestId('bays').locator(`button[data-bay="${bay}"]`);

async function fillDetails(page: Page, guest: Guest, labels = { name: 'Name', email: 'Email', phone: 'Phone' }) {
  await page.getByLabel(labels.name, { exact: true }).fill(guest.name);
  await page.getByLabel(labels.email, { exact: true }).fill(guest.email);
  await page.getByLabel(labels.phone, { exact: true }).fill(guest.phone);
}

/** The booking reference on the confirmation page, once it is there. */
async function confirmedReference(page: Page): Promise<string> {
  await page.waitForURL(/\/book\/confirmed\?ref=BK/);
  const reference = (await page.getByTestId('booking-reference').textContent())?.trim() ?? '';
  expect(reference).toMatch(REFERENCE);
  expect(new URL(page.url()).searchParams.get('ref')).toBe(reference);
  return reference;
}

test.describe('booking a bay', () => {
  test('a guest books a free cell of the grid, with the keyboard', async ({ page, request }) => {
    const date = bangkokDate(randomInt(8, 12));
    const { startTime, bay } = await findFreeRun(request, date, 2, '14:00');
    const end = `${String(Number(startTime.slice(0, 2)) + 2).padStart(2, '0')}:00`;

    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Book a bay' })).toHaveAttribute('href', '/book');
    await page.locator('input[name="date"]').fill(date);
    const grid = await gridFor(page, date);

    // A free cell is a link to the form on that slot: focus it and press Enter.
    const cell = grid.getByRole('link', { name: new RegExp(`^Book ${bay} at ${startTime}, ฿[\\d,]+/hour$`) });
    await cell.focus();
    await expect(cell).toBeFocused();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/book' && url.searchParams.get('time') === startTime);

    await expect(page.getByRole('heading', { level: 1, name: 'Book a bay' })).toBeVisible();
    await expect(page.locator('input[name="date"]')).toHaveValue(date);
    await expect(timeChip(page, startTime)).toHaveAttribute('aria-pressed', 'true');
    await expect(bayChip(page, bay)).toHaveAttribute('aria-pressed', 'true');
    // The bay shows its hourly price, the start times their price for the chosen duration.
    await expect(bayChip(page, bay)).toContainText(/฿[\d,]+\/hour/);
    await expect(timeChip(page, startTime)).toContainText(/฿[\d,]+$/);

    await page.getByLabel('Duration', { exact: true }).selectOption('2');
    await page.getByLabel('Number of people', { exact: true }).selectOption('3');
    const summary = page.getByTestId('booking-summary');
    await expect(summary).toContainText(`${startTime}–${end} (2 hours)`);
    await expect(summary).toContainText(bay);
    await expect(summary).toContainText('3 people');
    await expect(summary).toContainText(/฿[\d,]+, paid at the venue/);

    // Nothing typed yet: the error summary takes focus and links to each field.
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    const problem = page.getByTestId('booking-problem');
    await expect(problem).toBeFocused();
    await expect(problem).toContainText('Please check the following:');
    await expect(problem.getByRole('link')).toHaveText(['Enter your name.', 'Enter a valid email address, like name@example.com.', /^Enter a Thai phone number/]);
    await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await problem.getByRole('link', { name: 'Enter your name.' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toBeFocused();

    const guest = newGuest('grid guest');
    await fillDetails(page, { ...guest, phone: '12345' });
    await page.getByLabel('Special requests (optional)').fill('Left-handed clubs, please');
    await page.getByRole('button', { name: 'Confirm booking' }).click();
    await expect(problem.getByRole('link')).toHaveText([/^Enter a Thai phone number/]);
    await expect(page.getByText(/^Enter a Thai phone number/).first()).toBeVisible();

    await page.getByLabel('Phone', { exact: true }).fill('081 234 5678');
    await page.getByRole('button', { name: 'Confirm booking' }).click();

    await confirmedReference(page);
    const confirmation = page.getByTestId('booking-confirmation');
    await expect(page.getByRole('heading', { level: 1, name: 'Booking confirmed' })).toBeFocused();
    await expect(confirmation).toContainText(`${startTime}–${end}`);
    await expect(confirmation).toContainText(bay);
    await expect(confirmation).toContainText('3 people');
    await expect(page.getByTestId('confirmation-email')).toHaveText(EMAIL_STATUS);

    // The slot is taken now, for everyone.
    const after = (await (await request.get(`/api/availability?date=${date}`)).json()) as { availableSlots: { bay: string; startTime: string; available: boolean }[] };
    expect(after.availableSlots.find((slot) => slot.bay === bay && slot.startTime === startTime)?.available).toBe(false);
  });

  test('the slot is taken while the form is open: an alternative time books it', async ({ page, request }) => {
    const date = bangkokDate(randomInt(14, 20));
    const { startTime, bay } = await findFreeRun(request, date, 1, '15:00');

    await page.goto(`/book?date=${date}&time=${startTime}&bay=${encodeURIComponent(bay)}`);
    await expect(timeChip(page, startTime)).toHaveAttribute('aria-pressed', 'true');
    await expect(bayChip(page, bay)).toHaveAttribute('aria-pressed', 'true');
    const guest = newGuest('late guest');
    await fillDetails(page, guest);
    await page.getByLabel('Special requests (optional)').fill('Birthday');

    // Someone else books the same bay and hour first.
    const other = await bookViaApi(request, { date, startTime, bay, duration: 1 });
    expect(other.status, JSON.stringify(other.body)).toBe(200);

    await page.getByRole('button', { name: 'Confirm booking' }).click();
    const problem = page.getByTestId('booking-problem');
    await expect(problem).toBeFocused();
    await expect(problem).toContainText('Sorry, that time was just booked');
    await expect(problem).toContainText(`Someone else booked ${bay} at ${startTime}`);
    const alternatives = problem.getByRole('list', { name: 'Other start times' }).getByRole('button');
    await expect(alternatives.first()).toBeVisible();
    // Each alternative shows its time and its price for the same duration (and how much more a peak hour costs).
    const labels = await alternatives.allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).toMatch(/^\d{2}:\d{2}, ฿[\d,]+(฿[\d,]+ more)?$/);
    const offered = labels.map((label) => label.slice(0, 5));
    expect(offered).not.toContain(startTime);

    // The grid below was refreshed: the taken bay is no longer offered at that time, the
    // other bays still free then are offered in the panel too.
    await expect(timeChip(page, startTime)).toHaveAttribute('aria-pressed', 'true');
    await expect(bayChip(page, bay)).toHaveCount(0);
    await expect(problem.getByRole('list', { name: 'Other bays' }).getByRole('button').first()).toBeVisible();

    // Pick an alternative: nothing needs retyping, focus goes to the submit button.
    const chosen = offered[0]!;
    await alternatives.filter({ hasText: chosen }).click();
    await expect(alternatives.filter({ hasText: chosen })).toHaveAttribute('aria-pressed', 'true');
    await expect(problem).toContainText(`${bay} at ${chosen} selected.`);
    await expect(page.getByRole('button', { name: 'Confirm booking' })).toBeFocused();
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(guest.email);
    await expect(page.getByTestId('booking-summary')).toContainText(`${chosen}–`);
    await expect(timeChip(page, chosen)).toHaveAttribute('aria-pressed', 'true');

    await page.getByRole('button', { name: 'Confirm booking' }).click();
    const reference = await confirmedReference(page);
    expect(reference).not.toBe(other.body.bookingReference);
    await expect(page.getByTestId('booking-confirmation')).toContainText(`${chosen}–`);
    await expect(page.getByTestId('booking-confirmation')).toContainText(bay);
  });

  test('a guest who made too many bookings is told to wait, and keeps what they typed', async ({ page, request }) => {
    const address = uniqueClientAddress();
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': address });
    const day = randomInt(30, 40);
    // Three bookings from the same address use up the guest limit for the hour.
    for (const offset of [0, 1, 2]) {
      const date = bangkokDate(day + offset);
      const made = await bookViaApi(request, { date, ...(await findFreeRun(request, date, 1, '10:00')) }, { clientAddress: address });
      expect(made.status, JSON.stringify(made.body)).toBe(200);
    }

    const date = bangkokDate(day + 3);
    const { startTime, bay } = await findFreeRun(request, date);
    await page.goto(`/book?date=${date}&time=${startTime}&bay=${encodeURIComponent(bay)}`);
    await expect(timeChip(page, startTime)).toHaveAttribute('aria-pressed', 'true');
    const guest = newGuest('busy guest');
    await fillDetails(page, guest);
    await page.getByRole('button', { name: 'Confirm booking' }).click();

    const problem = page.getByTestId('booking-problem');
    await expect(problem).toBeFocused();
    await expect(problem).toHaveText(/^You have made several bookings in a short time\. Please try again in \d+ min, or call the venue\.$/);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(guest.name);
    await expect(page).toHaveURL(/\/book\?/);
  });

  test('a signed-in member finds their name, email and phone filled in from the profile, and can change them', async ({ page }) => {
    await page.goto('/login?callbackUrl=%2Fbook');
    const member = newGuest('member');
    await submitGuestSignIn(page, { ...member, phone: '+66 81 234 5678' });

    await page.waitForURL((url) => url.pathname === '/book');
    await expect(page.getByTestId('booking-as')).toHaveText(`Signed in as ${member.name}. Your details come from your profile; change them here for this booking.`);
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(member.name);
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(member.email);
    // The phone too, as the profile has it (GET /api/vip/profile with the same session): never typed again.
    const profile = (await (await page.request.get('/api/vip/profile')).json()) as { phoneNumber: string | null };
    expect(profile.phoneNumber).toMatch(/^\+66812345678$/);
    await expect(page.getByLabel('Phone', { exact: true })).toHaveValue(profile.phoneNumber!);
    // Still editable for this booking.
    await page.getByLabel('Phone', { exact: true }).fill('081 999 0000');
    await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('081 999 0000');
    // A new profile has no hour packages: no payment choice.
    await expect(page.getByRole('radio', { name: 'Pay at the venue' })).toHaveCount(0);
  });
});

test.describe('in Thai on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('books after a dropped connection, retrying without booking twice', async ({ page, request, context, baseURL }) => {
    await context.addCookies([{ name: 'locale', value: 'th', url: baseURL! }]);
    const date = bangkokDate(randomInt(22, 27));
    const { startTime, bay, bayTh } = await findFreeRun(request, date, 1, '11:00');
    expect(bayTh, `the seed names ${bay} in Thai`).toBeTruthy();

    await page.goto(`/book?date=${date}`);
    await expect(page.getByRole('heading', { level: 1, name: 'จองเบย์' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'th');

    await timeChip(page, startTime).click();
    await bayChip(page, bay).click();
    await expect(bayChip(page, bay)).toContainText(/฿[\d,]+\/ชั่วโมง/);
    expect(await horizontalOverflow(page), 'horizontal overflow of the page, in px').toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'ยืนยันการจอง' }).click();
    const problem = page.getByTestId('booking-problem');
    await expect(problem).toBeFocused();
    await expect(problem).toContainText('กรุณาตรวจสอบข้อมูลต่อไปนี้:');
    await expect(problem.getByRole('link')).toHaveCount(3);

    const guest = newGuest('thai guest');
    await fillDetails(page, guest, { name: 'ชื่อ', email: 'อีเมล', phone: 'เบอร์โทรศัพท์' });

    // The first answer is lost on the way back (the server did book).
    let firstKey: string | undefined;
    let firstAnswer: { bookingReference?: string } = {};
    await page.route(
      '**/api/bookings/create',
      async (route) => {
        firstKey = route.request().headers()['idempotency-key'];
        const response = await route.fetch();
        firstAnswer = (await response.json()) as typeof firstAnswer;
        await route.abort('internetdisconnected');
      },
      { times: 1 },
    );
    await page.getByRole('button', { name: 'ยืนยันการจอง' }).click();
    await expect(problem).toBeFocused();
    await expect(problem).toContainText('ติดต่อระบบจองไม่ได้');
    expect(firstKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(firstAnswer.bookingReference).toMatch(REFERENCE);

    // Trying again sends the same Idempotency-Key, and the server answers with the same booking.
    const retried = page.waitForResponse('**/api/bookings/create');
    await problem.getByRole('button', { name: 'ลองอีกครั้ง' }).click();
    const retry = await retried;
    expect(retry.request().headers()['idempotency-key']).toBe(firstKey);
    const retryAnswer = (await retry.json()) as { bookingReference?: string; confirmationSent?: boolean };
    expect(retryAnswer.bookingReference).toBe(firstAnswer.bookingReference);

    const reference = await confirmedReference(page);
    expect(reference).toBe(firstAnswer.bookingReference);
    await expect(page.getByRole('heading', { level: 1, name: 'ยืนยันการจองแล้ว' })).toBeFocused();
    await expect(page.getByTestId('booking-reference')).toBeInViewport();
    await expect(page.getByTestId('confirmation-email')).toHaveText(
      retryAnswer.confirmationSent ? `เราได้ส่งอีเมลยืนยันไปที่ ${guest.email} แล้ว` : 'การจองของคุณได้รับการยืนยันแล้ว อีเมลยืนยันกำลังจะส่งถึงคุณ',
    );
    // The bay by its Thai name, as the form showed it.
    await expect(page.getByTestId('booking-confirmation')).toContainText(bayTh!);
    expect(await horizontalOverflow(page), 'horizontal overflow of the confirmation page, in px').toBeLessThanOrEqual(0);
  });
});
