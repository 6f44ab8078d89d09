import { expect } from '@playwright/test';
import { waitForEmail } from './mailbox';
import { bangkokDate, bookViaApi, findFreeRun, newGuest, skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

test('a booking’s confirmation email reaches the SMTP stand-in, where the tests read it', async ({ request }) => {
  const date = bangkokDate(9);
  const slot = await findFreeRun(request, date, 1, '14:00');
  const guest = newGuest('mailbox');
  const booking = await bookViaApi(request, { date, ...slot }, { guest });
  expect(booking.status, JSON.stringify(booking.body)).toBe(200);
  const reference = String(booking.body.bookingReference);

  const mail = await waitForEmail({ to: guest.email, subject: reference });
  expect(mail.subject).toMatch(new RegExp(`^Booking confirmed: ${slot.bay}, .+, ${slot.startTime}–.+ \\(${reference}\\)$`));
  expect(mail.text).toContain(`Booking reference: ${reference}`);
  expect(mail.html).toContain(reference);
});
