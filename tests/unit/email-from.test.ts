import { describe, expect, it } from 'vitest';
import { parseEmailFrom } from '@/lib/notifications/providers/mailer';
import { appUrls, type VenueDetails } from '@/lib/notifications/settings';

describe('EMAIL_FROM, read by nodemailer\'s own address parser', () => {
  const venue: VenueDetails = { name: 'Fairway Club', address: '1 Road', phone: '+66 2 000 0000', lineId: undefined, ...appUrls() };

  it('takes the address of what the header takes (a quoted name with a comma, a Thai name, an address alone), under the venue\'s one name', () => {
    expect(parseEmailFrom('"Golf Bay, Bangkok" <bookings@golfbay.test>', venue)).toEqual({ name: 'Fairway Club', email: 'bookings@golfbay.test' });
    expect(parseEmailFrom('กอล์ฟ เบย์ <bookings@golfbay.test>', venue)).toEqual({ name: 'Fairway Club', email: 'bookings@golfbay.test' });
    expect(parseEmailFrom('<bookings@golfbay.test>', venue)).toEqual({ name: 'Fairway Club', email: 'bookings@golfbay.test' });
  });

  it('refuses two senders, an empty address and text that is no address', () => {
    for (const value of ['a@golfbay.test, b@golfbay.test', 'Golf Bay <>', 'Golf Bay', 'Golf Bay <not an address>']) {
      expect(() => parseEmailFrom(value, venue), value).toThrow(/EMAIL_FROM must be an address/);
    }
  });
});
