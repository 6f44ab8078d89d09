import { readEnv } from '../config/env';
import { trustedProxyHops } from './client-key';
import { AppError } from './errors';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses writes a browser was made to send from another site (cross-site request forgery):
 * a page elsewhere can POST a `text/plain` or form body with the victim's session cookie, no
 * preflight needed. Every POST/PUT/PATCH/DELETE through the route wrapper, whatever its
 * credential, is refused with
 * - 403 CROSS_SITE_REQUEST when it says it comes from another site: `Sec-Fetch-Site:
 *   cross-site`, or an `Origin` that is not the app's own (see isOwnOrigin). Requests without
 *   either header (servers, curl, the scheduler) are not browsers' and pass;
 * - 415 UNSUPPORTED_MEDIA_TYPE when the route takes a JSON body and the request does not say
 *   `Content-Type: application/json` (a cross-site page cannot send that without a CORS
 *   preflight, which this app never grants). This holds for machine callers too: the API
 *   only speaks JSON. Two cases pass: a request with no body and no Content-Type at all
 *   (a bare `curl -X POST`; it reads as `{}`, and a browser form always sends a Content-Type),
 *   and any request to a write that takes no body (a cron run, an outbox retry), which
 *   never reads it. The origin check guards both.
 */
export function refuseUnsafeWrite(request: Request, takesJsonBody: boolean): void {
  if (!writeMethods.has(request.method.toUpperCase())) return;
  const origin = request.headers.get('origin');
  if (request.headers.get('sec-fetch-site')?.toLowerCase() === 'cross-site' || (origin !== null && !isOwnOrigin(origin, request))) {
    throw new AppError('CROSS_SITE_REQUEST');
  }
  const contentType = request.headers.get('content-type');
  if (takesJsonBody && !isJsonContentType(contentType) && (contentType !== null || carriesBody(request))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
}

/** Whether the request announces a body, as HTTP/1.1 frames one: a non-zero Content-Length or a Transfer-Encoding. */
function carriesBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  return length !== null ? Number(length) !== 0 : request.headers.has('transfer-encoding');
}

/** `application/json`, with or without parameters such as `; charset=utf-8`. */
function isJsonContentType(contentType: string | null): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Whether `origin` is the app itself: the host the request was sent to (its Host, or, when
 * TRUSTED_PROXY_HOPS says proxies stand in front, the X-Forwarded-Host they set; any scheme,
 * since TLS often ends at the proxy), or the origin of NEXTAUTH_URL or PUBLIC_BASE_URL.
 * `Origin: null` (sandboxed frames, privacy redirects) is never the app.
 */
function isOwnOrigin(origin: string, request: Request): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const configured = [readEnv('NEXTAUTH_URL'), readEnv('PUBLIC_BASE_URL')].flatMap((value) => {
    try {
      return value ? [new URL(value).origin] : [];
    } catch {
      return [];
    }
  });
  if (configured.includes(url.origin)) return true;
  return ownHosts(request).includes(url.host);
}

function ownHosts(request: Request): string[] {
  const hosts = [new URL(request.url).host, request.headers.get('host')];
  if (trustedProxyHops() > 0) hosts.push(request.headers.get('x-forwarded-host')?.split(',').pop()?.trim() ?? null);
  // URL.host drops a default port and lowercases, as it does for the Origin compared with it.
  return hosts.flatMap((host) => {
    if (!host) return [];
    try {
      return [new URL(`http://${host}`).host];
    } catch {
      return [];
    }
  });
}
