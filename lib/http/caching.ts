import { createHash } from 'node:crypto';

export interface CachePolicy {
  /** `public` for data anyone may see, `private` for a member's own data. */
  scope: 'public' | 'private';
  maxAgeSeconds: number;
}

/** The spec's caching strategy, in seconds. */
export const cachePolicies = {
  availability: { scope: 'public', maxAgeSeconds: 300 },
  vipProfile: { scope: 'private', maxAgeSeconds: 180 },
  vipStatus: { scope: 'private', maxAgeSeconds: 300 },
  packages: { scope: 'private', maxAgeSeconds: 300 },
  static: { scope: 'public', maxAgeSeconds: 3600 },
  // Revalidated on every poll (If-None-Match), so the front desk never sees a stale sheet.
  staffDaySheet: { scope: 'private', maxAgeSeconds: 0 },
} as const satisfies Record<string, CachePolicy>;

/**
 * A JSON response with Cache-Control, a strong ETag of its body and Last-Modified; a 304
 * without body when the client's If-None-Match already names that ETag.
 */
export function cachedJson(request: Request, body: unknown, policy: CachePolicy, headers: Headers, lastModified = new Date()): Response {
  const json = JSON.stringify(body);
  return cachedJsonText(request, { json, etag: etagOf(json) }, policy, headers, lastModified);
}

/** A strong ETag: the first 27 characters of the SHA-256 of `text`, base64url. */
export const etagOf = (text: string) => `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;

/**
 * cachedJson for an answer whose ETag is known without its body (derived from a version):
 * `json` may be null when the caller knows If-None-Match names `etag`, so no body is needed.
 */
export function cachedJsonText(
  request: Request,
  { json, etag }: { json: string | null; etag: string },
  policy: CachePolicy,
  headers: Headers,
  lastModified = new Date(),
): Response {
  headers.set('Cache-Control', `${policy.scope}, max-age=${policy.maxAgeSeconds}`);
  headers.set('ETag', etag);
  headers.set('Last-Modified', lastModified.toUTCString());
  if (policy.scope === 'private') headers.append('Vary', 'Authorization, Cookie');

  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && matchesEtag(ifNoneMatch, etag)) {
    return new Response(null, { status: 304, headers });
  }
  if (json === null) throw new Error('cachedJsonText: no body for an ETag the request does not name');
  headers.set('Content-Type', 'application/json');
  return new Response(json, { status: 200, headers });
}

export function matchesEtag(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
