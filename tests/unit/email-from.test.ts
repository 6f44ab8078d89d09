import { describe, expect, it } from 'vitest';
import { parseEmailFrom } from '@/lib/notifications/providers/mailer';
import { venueDetails } from '@/lib/notifications/settings';

describe('EMAIL_FROM, read by nodemailer\'s own address parser', () => {
  const venue = venueDetails();

  it('takes what the header takes: a quoted name with a comma or a comment, a Thai name, an address alone', () => {
    expect(parseEmailFrom('"Golf Bay, Bangkok" <bookings@golfbay.test>', venue)).toEqual({ name: 'Golf Bay, Bangkok', email: 'bookings@golfbay.test' });
    expect(parseEmailFrom('กอล์ฟ เบย์ <bookings@golfbay.test>', venue)).toEqual({ name: 'กอล์ฟ เบย์', email: 'bookings@golfbay.test' });
    expect(parseEmailFrom('<bookings@golfbay.test>', venue)).toEqual({ name: venue.name, email: 'bookings@golfbay.test' });
  });

  it('refuses two senders, an empty address and text that is no address', () => {
    for (const value of ['a@golfbay.test, b@golfbay.test', 'Golf Bay <>', 'Golf Bay', 'Golf Bay <not an address>']) {
      expect(() => parseEmailFrom(value, venue), value).toThrow(/EMAIL_FROM must be an address/);
    }
  });
});
