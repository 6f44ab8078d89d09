import { encode, getToken } from 'next-auth/jwt';
import { authSecret } from './secret';

/** Session lifetime: 30 days, NextAuth's default. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** What a session token carries that we read: `sub` (the profile id), and the email with whether a sign-in proved it. */
export interface SessionClaims {
  sub?: unknown;
  email?: unknown;
  name?: unknown;
  emailVerified?: unknown;
}

/**
 * The decoded session token of a request, from the NextAuth session cookie or an
 * `Authorization: Bearer <token>` header carrying the same token; null when neither is valid.
 */
export async function sessionTokenOf(request: Request): Promise<SessionClaims | null> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), decodedCookie(part.slice(index + 1).trim()));
  }
  return getToken({
    req: { headers: request.headers, cookies } as never,
    secret: authSecret(),
    logger: { error: () => undefined, warn: () => undefined, debug: () => undefined } as never,
  }).catch(() => null);
}

/** The profile id (`sub`) a session token names, or null. */
export function profileIdIn(token: SessionClaims | null): string | null {
  const sub = token?.sub;
  return typeof sub === 'string' && /^[0-9a-f-]{36}$/i.test(sub) ? sub : null;
}

/** The profile id of a request's caller (sessionTokenOf), or null. */
export async function profileIdOf(request: Request): Promise<string | null> {
  return profileIdIn(await sessionTokenOf(request));
}

/**
 * The email a session's sign-in proved (lowercased), or null: only a sign-in that verified the
 * address sets `emailVerified` (an emailed one-time code, or an OAuth provider that says so);
 * an email typed at the guest sign-in never counts. Staff rights hang on this alone.
 */
export function verifiedEmailOf(token: SessionClaims | null): string | null {
  if (!token || token.emailVerified !== true || typeof token.email !== 'string') return null;
  const email = token.email.trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(email) ? email : null;
}

/** A cookie value percent-decoded; a malformed escape (`%E0%A4%A`) is kept as sent, which no token matches. */
function decodedCookie(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Issues a session token for a profile (the value of the cookie, or a Bearer token). */
export function issueSessionToken(profileId: string, extra: Record<string, unknown> = {}): Promise<string> {
  return encode({ token: { sub: profileId, ...extra }, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
}
