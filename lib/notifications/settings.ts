import { readEnv } from '@/lib/config/env';

/**
 * The venue as customers see it in emails, LINE messages and calendar invitations, read
 * through lib/config at call time, so a changed variable applies to the next message.
 */

export interface VenueDetails {
  name: string;
  address: string;
  phone: string;
  lineId: string | undefined;
  /** The app's public base URL (PUBLIC_BASE_URL), without a trailing slash. */
  baseUrl: string;
  /** Where signed-in members list their bookings (a booking's own manage link: lib/bookings/manage-links.ts). */
  manageBookingsUrl: string;
  /** Right-hand side of Message-IDs and calendar UIDs: the app's host name. */
  domain: string;
}

// Defaults describe a fictional venue, so a development setup reads sensibly.
const DEFAULT_VENUE_NAME = 'Golf Bay Bangkok';
const DEFAULT_VENUE_ADDRESS = '88 Sukhumvit Soi 24, Khlong Tan, Khlong Toei, Bangkok 10110, Thailand';
const DEFAULT_VENUE_PHONE = '+66 2 000 0000';

export function venueDetails(): VenueDetails {
  const baseUrl = (readEnv('PUBLIC_BASE_URL') ?? readEnv('NEXTAUTH_URL')?.trim() ?? 'http://localhost:3000').replace(/\/+$/, '');
  let domain = 'localhost';
  try {
    domain = new URL(baseUrl).hostname || domain;
  } catch {
    throw new Error('PUBLIC_BASE_URL must be an absolute URL, e.g. https://book.example.com');
  }
  return {
    name: readEnv('VENUE_NAME') ?? DEFAULT_VENUE_NAME,
    address: readEnv('VENUE_ADDRESS') ?? DEFAULT_VENUE_ADDRESS,
    phone: readEnv('VENUE_PHONE') ?? DEFAULT_VENUE_PHONE,
    lineId: readEnv('VENUE_LINE_ID'),
    baseUrl,
    manageBookingsUrl: `${baseUrl}/vip/bookings`,
    domain,
  };
}
