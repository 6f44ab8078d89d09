// Only the Calendar API, not the index of every Google API (googleapis documents this import).
import { auth as googleAuth, calendar_v3 } from 'googleapis/build/src/apis/calendar';
import type { BookingNotice } from '@/lib/db/functions';
import { VENUE_TIME_ZONE } from '@/lib/venue/venue-clock';
import { calendarEventIdFor } from './booking-ids';
import { NotificationError } from './notification-error';
import { recordOutgoingMessage } from './record-outgoing-message';
import { envValue, timeoutMs, venueDetails } from './settings';

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
  const json = envValue('GOOGLE_SERVICE_ACCOUNT_JSON');
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
  const email = envValue('GOOGLE_SERVICE_ACCOUNT_EMAIL');
  const privateKey = envValue('GOOGLE_PRIVATE_KEY');
  if (!email && !privateKey) return undefined;
  if (!email || !privateKey) {
    throw new NotificationError('calendar', 'Set both GOOGLE_SERVICE_ACCOUNT_EMAIL and GOOGLE_PRIVATE_KEY (or GOOGLE_SERVICE_ACCOUNT_JSON)');
  }
  // Hosts often keep a PEM on one line with literal \n.
  return { email, privateKey: privateKey.replace(/\\n/g, '\n'), tokenUrl: undefined };
}

/** The Calendar event of a booking, as the staff see it in the bay's calendar. */
export function bookingCalendarEvent(notice: BookingNotice, eventId: string): calendar_v3.Schema$Event {
  const venue = venueDetails();
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

// Booking side effect: the booking's event in its bay's Google Calendar.
/**
 * Inserts the booking's event into the bay's calendar (notice.bayCalendarId, else
 * GOOGLE_CALENDAR_ID_DEFAULT) as the service account, with an event id derived from the
 * booking id: a retry whose first try did land answers 409, which counts as success, so
 * there is never a second event. Resolves with that event id. Without Google credentials
 * the event is recorded (record_outgoing_message) instead.
 *
 * Throws NotificationError when the event was not created: the token or Calendar API
 * refused or failed (status set), no answer within GOOGLE_CALENDAR_TIMEOUT_MS, the
 * credentials are half set or invalid, or no calendar is known for the bay.
 */
export async function createCalendarEvent(notice: BookingNotice, job: { id: string }): Promise<{ eventId: string }> {
  const eventId = calendarEventIdFor(notice.bookingId);
  const calendarId = notice.bayCalendarId ?? envValue('GOOGLE_CALENDAR_ID_DEFAULT');
  const account = serviceAccount();
  const event = bookingCalendarEvent(notice, eventId);

  if (!account) {
    await recordOutgoingMessage('calendar', calendarId ?? `(no calendar for ${notice.bay})`, event.summary ?? null, {
      calendarId: calendarId ?? null,
      eventId,
      event,
      bookingId: notice.bookingId,
      jobId: job.id,
    });
    return { eventId };
  }
  if (!calendarId) {
    throw new NotificationError('calendar', `No Google calendar for ${notice.bay}: set the bay's calendar id or GOOGLE_CALENDAR_ID_DEFAULT`);
  }

  const calendar = calendarApi(account);
  try {
    const response = await calendar.events.insert({ calendarId, requestBody: event, sendUpdates: 'none' });
    return { eventId: response.data.id ?? eventId };
  } catch (error) {
    const status = httpStatus(error);
    // The id is taken: an earlier attempt created this booking's event (its reply was lost).
    if (status === 409) return confirmExistingEvent(calendar, calendarId, event, notice);
    const message = error instanceof Error ? error.message : String(error);
    throw new NotificationError('calendar', `Calendar event of ${notice.reference} not created${status ? ` (HTTP ${status})` : ''}: ${message}`, {
      status,
      cause: error,
    });
  }
}

/**
 * After a 409 on insert: reads the event that holds the booking's id. It counts as created
 * when it is there; one that was deleted since (Google keeps it as 'cancelled') is restored,
 * since this booking is live.
 */
async function confirmExistingEvent(
  calendar: calendar_v3.Calendar,
  calendarId: string,
  event: calendar_v3.Schema$Event,
  notice: BookingNotice,
): Promise<{ eventId: string }> {
  const eventId = event.id!;
  try {
    const existing = await calendar.events.get({ calendarId, eventId });
    if (existing.data.status === 'cancelled') await calendar.events.update({ calendarId, eventId, requestBody: event, sendUpdates: 'none' });
    return { eventId };
  } catch (error) {
    const status = httpStatus(error);
    throw new NotificationError('calendar', `Calendar event of ${notice.reference} exists but could not be read${status ? ` (HTTP ${status})` : ''}`, {
      status,
      cause: error,
    });
  }
}

/**
 * The Calendar API client of the service account, with GOOGLE_CALENDAR_TIMEOUT_MS and the
 * configurable token endpoint and API root (so tests reach local stand-ins).
 */
export function calendarApi(account: ServiceAccount): calendar_v3.Calendar {
  const timeout = timeoutMs('GOOGLE_CALENDAR_TIMEOUT_MS');
  const client = new googleAuth.JWT({
    email: account.email,
    key: account.privateKey,
    scopes: [CALENDAR_SCOPE],
    transporterOptions: { timeout },
  });
  // google-auth-library has no option for the token endpoint (gtoken posts to a fixed URL),
  // so a request interceptor on the client's own transporter redirects it when configured.
  const tokenUrl = envValue('GOOGLE_OAUTH_TOKEN_URL') ?? account.tokenUrl;
  if (tokenUrl && tokenUrl !== GOOGLE_TOKEN_URL) {
    const target = new URL(tokenUrl);
    client.transporter.interceptors.request.add({
      resolved: async (options) => {
        if (String(options.url) === GOOGLE_TOKEN_URL) options.url = new URL(target);
        return options;
      },
    });
  }

  return new calendar_v3.Calendar({
    auth: client,
    rootUrl: envValue('GOOGLE_CALENDAR_API_ROOT_URL') ?? 'https://www.googleapis.com/',
    timeout,
    // One request per call: the outbox retries with back-off and records every attempt, and
    // an attempt stays within a few timeouts (googleapis would repeat a PUT or DELETE 3 times).
    retry: false,
  });
}
