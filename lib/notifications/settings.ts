/**
 * Settings of the booking notifications, read from the environment at call time (never at
 * module load), so a changed variable or a test's own value applies to the next call.
 */

/** A variable's trimmed value, or undefined when it is unset or blank. */
export function envValue(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

/**
 * The longest a provider timeout may be set to: an outbox attempt (a few requests in a row)
 * must end well within its job's lease (JOB_LEASE_SECONDS, 120 s), or a second processor
 * could claim the job while the first is still talking to the provider.
 */
export const MAX_PROVIDER_TIMEOUT_MS = 30_000;

/**
 * A timeout in milliseconds from `name`, else `fallback`. Five seconds by default: long
 * enough for a healthy provider, short enough that a hanging one fails the attempt (the
 * outbox retries it later) instead of holding a request or a processor.
 */
export function timeoutMs(name: string, fallback = 5_000): number {
  const raw = envValue(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > MAX_PROVIDER_TIMEOUT_MS) {
    throw new Error(`${name} must be a number of milliseconds from 1 to ${MAX_PROVIDER_TIMEOUT_MS}`);
  }
  return Math.round(value);
}

export interface VenueDetails {
  name: string;
  address: string;
  phone: string;
  lineId: string | undefined;
  /** Where customers change or cancel a booking. */
  manageBookingsUrl: string;
  /** Right-hand side of Message-IDs and calendar UIDs: the app's host name. */
  domain: string;
}

// Defaults describe a fictional venue, so a development setup reads sensibly.
const DEFAULT_VENUE_NAME = 'Golf Bay Bangkok';
const DEFAULT_VENUE_ADDRESS = '88 Sukhumvit Soi 24, Khlong Tan, Khlong Toei, Bangkok 10110, Thailand';
const DEFAULT_VENUE_PHONE = '+66 2 000 0000';

export function venueDetails(): VenueDetails {
  const baseUrl = (envValue('PUBLIC_BASE_URL') ?? envValue('NEXTAUTH_URL') ?? 'http://localhost:3000').replace(/\/+$/, '');
  let domain = 'localhost';
  try {
    domain = new URL(baseUrl).hostname || domain;
  } catch {
    throw new Error('PUBLIC_BASE_URL must be an absolute URL, e.g. https://book.example.com');
  }
  return {
    name: envValue('VENUE_NAME') ?? DEFAULT_VENUE_NAME,
    address: envValue('VENUE_ADDRESS') ?? DEFAULT_VENUE_ADDRESS,
    phone: envValue('VENUE_PHONE') ?? DEFAULT_VENUE_PHONE,
    lineId: envValue('VENUE_LINE_ID'),
    manageBookingsUrl: `${baseUrl}/vip/bookings`,
    domain,
  };
}
