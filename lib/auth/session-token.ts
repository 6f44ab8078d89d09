import { encode, getToken } from 'next-auth/jwt';
import { readEnv } from '../config/env';
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
  const secret = authSecret();
  const key = [secret, readEnv('NEXTAUTH_URL') ?? '', request.headers.get('authorization') ?? '', request.headers.get('cookie') ?? ''].join('\n');
  const known = decodedTokens.get(key);
  if (known && Date.now() < known.until) return known.claims;
  if (known) decodedTokens.delete(key);
  const claims = await decodeSessionToken(request, secret);
  if (claims) {
    const expiresAt = typeof (claims as { exp?: unknown }).exp === 'number' ? (claims as { exp: number }).exp * 1000 : 0;
    decodedTokens.set(key, { claims: Object.freeze(claims), until: Math.min(expiresAt, Date.now() + DECODED_TOKEN_TTL_MS) });
    if (decodedTokens.size > DECODED_TOKENS_KEPT) decodedTokens.delete(decodedTokens.keys().next().value!);
  }
  return claims;
}

/**
 * Valid sessions decoded lately, by the request's credentials (and the secret): decoding one
 * (NextAuth derives the key by HKDF on the thread pool, then decrypts) costs a member's every
 * request about a millisecond, the same token every time. A token is immutable and carries its
 * own expiry, so a kept decode is as good as a new one until `exp` (or a minute, whichever is first).
 * Only valid tokens are kept, at most DECODED_TOKENS_KEPT (oldest first out).
 */
const decodedTokens = new Map<string, { claims: SessionClaims; until: number }>();
const DECODED_TOKENS_KEPT = 1_000;
const DECODED_TOKEN_TTL_MS = 60_000;

async function decodeSessionToken(request: Request, secret: string): Promise<SessionClaims | null> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), decodedCookie(part.slice(index + 1).trim()));
  }
  return getToken({
    req: { headers: request.headers, cookies } as never,
    secret,
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
