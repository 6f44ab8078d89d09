import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AppError } from '../http/errors';
import { developerToolsEnabled } from '../config/deployment';
import { readEnv, type EnvSource } from '../config/env';
import { LOCAL_LIFF_CHANNEL_ID, localLiffChannelSecret } from './local-liff-channel';

/** Who issues LINE ID tokens (LINE Login / LIFF). */
export const LINE_ISSUER = 'https://access.line.me';
/** LINE's published ES256 keys of ID tokens. */
export const DEFAULT_LINE_JWKS_URL = 'https://api.line.me/oauth2/v2.1/certs';

interface LineTokenSettings {
  channelId: string | undefined;
  channelSecret: string | undefined;
  jwksUrl: string;
}

/**
 * The LINE Login channel the LIFF app belongs to: its id is the tokens' audience. With no
 * LINE channel configured: where developer tools are on (developerToolsEnabled), the local
 * channel `local-liff-channel` and its generated secret, so the local sign-in's tokens go
 * through the same verification; in a production build without DEV_TOOLS=1, no channel at
 * all, so every LIFF token is refused (a locally minted one included).
 */
export function lineTokenSettings(env: EnvSource = process.env): LineTokenSettings {
  const channelId = readEnv('LINE_LIFF_CHANNEL_ID', env) ?? readEnv('LINE_CLIENT_ID', env);
  const jwksUrl = readEnv('LINE_JWKS_URL', env) ?? DEFAULT_LINE_JWKS_URL;
  if (!channelId && developerToolsEnabled(env)) {
    return { channelId: LOCAL_LIFF_CHANNEL_ID, channelSecret: localLiffChannelSecret(), jwksUrl };
  }
  return {
    channelId,
    channelSecret: readEnv('LINE_LIFF_CHANNEL_SECRET', env) ?? readEnv('LINE_CLIENT_SECRET', env),
    jwksUrl,
  };
}

// One key set per URL: jose caches the fetched keys and refetches on an unknown `kid`.
const keySets = new Map<string, JWTVerifyGetKey>();
function keySetOf(url: string): JWTVerifyGetKey {
  let keySet = keySets.get(url);
  if (!keySet) {
    keySet = createRemoteJWKSet(new URL(url), { cacheMaxAge: 60 * 60 * 1000, timeoutDuration: 5000 });
    keySets.set(url, keySet);
  }
  return keySet;
}

/** The LINE ID token of `Authorization: Bearer <token>`; AUTH_REQUIRED when there is none. */
export function bearerToken(request: Request): string {
  const header = request.headers.get('authorization') ?? '';
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  if (!token) throw new AppError('AUTH_REQUIRED');
  return token;
}

/**
 * Verifies a LINE ID token offline and returns the LINE user id (`sub`): signature (ES256
 * against LINE's key set, or HS256 with the channel secret), issuer, audience = channel id,
 * expiry. Anything else is LINE_TOKEN_INVALID (SERVICE_UNAVAILABLE when LINE's key set cannot
 * be fetched). There is no bypass, in any environment.
 */
export async function verifyLineIdToken(token: string, settings = lineTokenSettings()): Promise<string> {
  if (!settings.channelId) {
    console.error('LINE_LIFF_CHANNEL_ID (or LINE_CLIENT_ID) is not set: LIFF calls are refused');
    throw new AppError('LINE_TOKEN_INVALID');
  }
  let alg: string | undefined;
  try {
    ({ alg } = decodeProtectedHeader(token));
  } catch {
    throw new AppError('LINE_TOKEN_INVALID');
  }
  try {
    const options = { issuer: LINE_ISSUER, audience: settings.channelId, algorithms: [alg ?? ''], clockTolerance: 5 };
    let payload;
    if (alg === 'ES256') {
      ({ payload } = await jwtVerify(token, keySetOf(settings.jwksUrl), options));
    } else if (alg === 'HS256' && settings.channelSecret) {
      ({ payload } = await jwtVerify(token, new TextEncoder().encode(settings.channelSecret), options));
    } else {
      throw new errors.JOSEAlgNotAllowed(`unsupported alg ${alg}`);
    }
    if (typeof payload.sub !== 'string' || !payload.sub || payload.exp === undefined) throw new errors.JWTInvalid('no sub or exp');
    return payload.sub;
  } catch (error) {
    if (error instanceof AppError) throw error;
    // LINE's key set could not be fetched: our fault or LINE's, not the caller's.
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      console.error('LINE ID token could not be verified:', error);
      throw new AppError('SERVICE_UNAVAILABLE');
    }
    throw new AppError('LINE_TOKEN_INVALID');
  }
}

/** The verified LINE user id of a LIFF request. */
export async function lineUserOf(request: Request): Promise<string> {
  return verifyLineIdToken(bearerToken(request));
}
