// The Calendar API's own package, not the index of every Google API (googleapis).
import { auth as googleAuth, calendar_v3 } from '@googleapis/calendar';
import type { BookingNotice } from '@/lib/db/functions';
import type { VenueBrand } from '@/lib/venue/brand';
import { VENUE_TIME_ZONE } from '@/lib/venue/venue-clock';
import { calendarEventIdFor } from '../compose/booking-ids';
import { NotificationError } from '../notification-error';
import { readEnv } from '@/lib/config/env';
import { venueDetails } from '../settings';

const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
/** Where google-auth-library (its gtoken) always sends the service account's token request. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface ServiceAccount {
  email: string;
  privateKey: string;
  tokenUrl: string | undefined;
}

/** The service account from GOOGLE_SERVICE_ACCOUNT_JSON, or GOOGLE_SERVICE_ACCOUNT_EMAIL + GOOGLE_PRIVATE_KEY; undefined when neither is set. */
export function serviceAccount(): ServiceAccount | undefined {
  const json = readEnv('GOOGLE_SERVICE_ACCOUNT_JSON');
  if (json) {
    let key: { client_email?: unknown; private_key?: unknown; token_uri?: unknown };
    try {
      // The key file's JSON as it is, or base64 of it (easier to paste into some hosts).
      key = JSON.parse(json.startsWith('{') ? json : Buffer.from(json, 'base64').toString('utf8'));
    } catch {
      throw new NotificationError('calendar', 'GOOGLE_SERVICE_ACCOUNT_JSON is not a service account key (JSON or base64 JSON)');
    }
    if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
      throw new NotificationError('calendar', 'GOOGLE_SERVICE_ACCOUNT_JSON needs client_email and private_key');
    }
    return {
      email: key.client_email,
      privateKey: key.private_key,
      tokenUrl: typeof key.token_uri === 'string' ? key.token_uri : undefined,
    };
  }
  const email = readEnv('GOOGLE_SERVICE_ACCOUNT_EMAIL');
  const privateKey = readEnv('GOOGLE_PRIVATE_KEY');
  if (!email && !privateKey) return undefined;
  if (!email || !privateKey) {
    throw new NotificationError('calendar', 'Set both GOOGLE_SERVICE_ACCOUNT_EMAIL and GOOGLE_PRIVATE_KEY (or GOOGLE_SERVICE_ACCOUNT_JSON)');
  }
  // Hosts often keep a PEM on one line with literal \n.
  return { email, privateKey: privateKey.replace(/\\n/g, '\n'), tokenUrl: undefined };
}

/** The Calendar event of a booking, as the staff see it in the bay's calendar. */
export async function bookingCalendarEvent(notice: BookingNotice, eventId: string, brand?: VenueBrand): Promise<calendar_v3.Schema$Event> {
  // The staff's calendar, in English (their working language).
  const venue = await venueDetails('en', brand);
  const people = `${notice.numberOfPeople} ${notice.numberOfPeople === 1 ? 'person' : 'people'}`;
  return {
    id: eventId,
    summary: `${notice.customerName} (${people}) · ${notice.reference}`,
    description: [
      `Booking ${notice.reference}`,
      `${notice.bay}, ${notice.date} ${notice.startTime}–${notice.endTime} (${notice.durationHours} h)`,
      `${people}`,
      `Name: ${notice.customerName}`,
      `Phone: ${notice.customerPhone}`,
      `Email: ${notice.customerEmail}`,
      notice.packageName ? `Package: ${notice.packageName}` : null,
      notice.priceThb !== null ? `Price: ฿${notice.priceThb}` : null,
      notice.specialRequests ? `Requests: ${notice.specialRequests}` : null,
    ]
      .filter((line): line is string => line !== null)
      .join('\n'),
    location: `${venue.name}, ${venue.address}`,
    start: { dateTime: new Date(notice.startsAt).toISOString(), timeZone: VENUE_TIME_ZONE },
    end: { dateTime: new Date(notice.endsAt).toISOString(), timeZone: VENUE_TIME_ZONE },
    status: 'confirmed',
    transparency: 'opaque',
    extendedProperties: { private: { bookingId: notice.bookingId, bookingReference: notice.reference } },
  };
}

export function httpStatus(error: unknown): number | undefined {
  const candidate = error as { status?: unknown; response?: { status?: unknown } } | null;
  const status = candidate?.status ?? candidate?.response?.status;
  return typeof status === 'number' ? status : undefined;
}

/** The clients made so far, by everything they were made from (in production: one). */
const clients = new Map<string, calendar_v3.Calendar>();
const MAX_CLIENTS = 4;

/**
 * The Calendar API client of the service account, with GOOGLE_CALENDAR_TIMEOUT_MS and the
 * configurable token endpoint and API root (so tests reach local stand-ins). Made once per
 * process and settings: its JWT client keeps the access token until it expires, instead of
 * fetching a new one for every job.
 */
export function calendarApi(account: ServiceAccount): calendar_v3.Calendar {
  const timeout = readEnv('GOOGLE_CALENDAR_TIMEOUT_MS');
  const tokenUrl = readEnv('GOOGLE_OAUTH_TOKEN_URL') ?? account.tokenUrl;
  const rootUrl = readEnv('GOOGLE_CALENDAR_API_ROOT_URL') ?? 'https://www.googleapis.com/';
  const key = JSON.stringify([account.email, account.privateKey, tokenUrl, rootUrl, timeout]);
  const existing = clients.get(key);
  if (existing) return existing;

  const client = new googleAuth.JWT({
    email: account.email,
    key: account.privateKey,
    scopes: [CALENDAR_SCOPE],
    transporterOptions: { timeout },
  });
  // google-auth-library has no option for the token endpoint (gtoken posts to a fixed URL),
  // so a request interceptor on the client's own transporter redirects it when configured.
  if (tokenUrl && tokenUrl !== GOOGLE_TOKEN_URL) {
    const target = new URL(tokenUrl);
    client.transporter.interceptors.request.add({
      resolved: async (options) => {
        if (String(options.url) === GOOGLE_TOKEN_URL) options.url = new URL(target);
        return options;
      },
    });
  }
  const calendar = new calendar_v3.Calendar({
    auth: client,
    rootUrl,
    timeout,
    // One request per call: the outbox retries with back-off and records every attempt, and
    // an attempt stays within a few timeouts (googleapis would repeat a PUT or DELETE 3 times).
    retry: false,
  });
  // Settings changed (tests, a rotated key): the oldest client goes.
  if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value!);
  clients.set(key, calendar);
  return calendar;
}

/** Where a booking's event is written: its id, its calendar, and the API (none without Google credentials: record instead). */
export type BookingEventTarget =
  | { eventId: string; api: undefined; calendarId: string | null; recipient: string }
  | { eventId: string; api: calendar_v3.Calendar; calendarId: string };

/**
 * The bay's calendar (notice.bayCalendarId, else GOOGLE_CALENDAR_ID_DEFAULT) and the event id
 * derived from the booking. Throws NotificationError when the credentials are half set or
 * invalid, or when Google is configured but no calendar is known for the bay.
 */
export function bookingEventTarget(notice: BookingNotice): BookingEventTarget {
  const eventId = calendarEventIdFor(notice.bookingId);
  const calendarId = notice.bayCalendarId ?? readEnv('GOOGLE_CALENDAR_ID_DEFAULT');
  const account = serviceAccount();
  if (!account) return { eventId, api: undefined, calendarId: calendarId ?? null, recipient: calendarId ?? `(no calendar for ${notice.bay})` };
  if (!calendarId) throw new NotificationError('calendar', `No Google calendar for ${notice.bay}: set the bay's calendar id or GOOGLE_CALENDAR_ID_DEFAULT`);
  return { eventId, api: calendarApi(account), calendarId };
}

/** The error of a refused or failed Calendar request: `what` happened instead, with Google's status. */
export function calendarFailure(what: string, error: unknown): NotificationError {
  const status = httpStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  return new NotificationError('calendar', `${what}${status ? ` (HTTP ${status})` : ''}: ${message}`, { status, cause: error });
}
