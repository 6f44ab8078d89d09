/**
 * Where to go after signing in: the `callbackUrl` a page sent to /login, as a path on this
 * site. A path (`/vip/bookings?filter=past`) or an absolute URL of this origin
 * (`http://127.0.0.1:3100/vip/bookings`, which NextAuth's own redirects carry) is kept; another
 * origin, a protocol-relative `//evil.example` or `/\\evil.example`, or anything unparsable is
 * `/`: the login page never sends anyone off the site (an open redirect).
 */
export function safeCallbackPath(raw: string | null | undefined, origin: string): string {
  if (!raw) return '/';
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return '/';
  }
  // A backslash is a slash to browsers (`/\\evil.example`): none is needed in our paths.
  if (raw.includes('\\') || url.origin !== new URL(origin).origin) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
