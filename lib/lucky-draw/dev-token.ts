import { SignJWT } from 'jose';
import { AppError } from '../http/errors';
import { LINE_ISSUER, lineTokenSettings } from '../auth/verify-line-token';

/** How long a locally minted LINE ID token lasts. */
export const DEV_TOKEN_TTL_SECONDS = 10 * 60;

/**
 * A LINE ID token for the local sign-in (developer tools only): HS256 with the channel
 * secret, issuer LINE, audience the channel id, subject the LINE user, 10 minutes. The caller
 * (POST /api/liff/dev-token) only exists where developerToolsEnabled(); the token is then
 * verified like any other, with no bypass.
 */
export async function mintDevLineToken(lineUserId: string, settings = lineTokenSettings()): Promise<{ idToken: string; expiresAt: string }> {
  if (!settings.channelId || !settings.channelSecret) {
    throw new AppError('SERVICE_UNAVAILABLE', 'No LINE channel secret to sign a local token with');
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = now + DEV_TOKEN_TTL_SECONDS;
  const idToken = await new SignJWT({ name: 'Local LIFF user', amr: ['local'] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(lineUserId)
    .setIssuer(LINE_ISSUER)
    .setAudience(settings.channelId)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(settings.channelSecret));
  return { idToken, expiresAt: new Date(exp * 1000).toISOString() };
}
