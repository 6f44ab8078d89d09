import { encode, getToken } from 'next-auth/jwt';
import { authSecret } from './secret';

/** Session lifetime: 30 days, NextAuth's default. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * The profile id of a request's caller, from the NextAuth session cookie or an
 * `Authorization: Bearer <token>` header carrying the same token; null when neither is valid.
 */
export async function profileIdOf(request: Request): Promise<string | null> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0) cookies.set(part.slice(0, index).trim(), decodedCookie(part.slice(index + 1).trim()));
  }
  const token = await getToken({
    req: { headers: request.headers, cookies } as never,
    secret: authSecret(),
    logger: { error: () => undefined, warn: () => undefined, debug: () => undefined } as never,
  }).catch(() => null);
  const sub = token?.sub;
  return typeof sub === 'string' && /^[0-9a-f-]{36}$/i.test(sub) ? sub : null;
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
