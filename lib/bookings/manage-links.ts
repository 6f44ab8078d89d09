import { rpc, serviceCaller } from '../db';
import { appUrls } from '../notifications/settings';
import { hashSessionToken, isSessionToken, newSessionToken } from '../vip-sessions/session-tokens';

/**
 * Manage links: a booking's holder (a guest has no account) opens `/book/manage#t=<token>` to
 * see, move or cancel it. A token has the VIP session tokens' form (32 random bytes as 64 hex
 * characters) and, like them, reaches the database only as its SHA-256. It sits in the URL's
 * fragment, so it never reaches a server log or a Referer; the page sends it as the
 * `X-Manage-Token` header. Each message issues its own token, when it is composed, so no
 * outbox payload ever holds one.
 */

/** The request header that carries a manage token to the /api/bookings/manage routes. */
export const MANAGE_TOKEN_HEADER = 'X-Manage-Token';

/** Whether `value` has the shape of a manage token (a shape says nothing about a booking). */
export const isManageToken = isSessionToken;

/** The only form of a manage token the database sees. */
export const hashManageToken = hashSessionToken;

/** A new manage token (its hash goes to the database, the token into one link). */
export const newManageToken = newSessionToken;

/** The manage page's URL for `token`, on the app's public base URL. */
export const manageUrlFor = (token: string): string => `${appUrls().baseUrl}/book/manage#t=${token}`;

/**
 * Issues a new manage link of a booking: its URL on the app's public base URL, or null when
 * the booking is unknown, cancelled or over (a link would open nothing).
 */
export async function issueManageLink(bookingId: string): Promise<string | null> {
  const token = newManageToken();
  const issued = await rpc('issue_booking_manage_token', { p_booking_id: bookingId, p_token_hash: hashManageToken(token) }, serviceCaller);
  return issued ? manageUrlFor(token) : null;
}
