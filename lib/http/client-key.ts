/**
 * The client address a request came from, for rate limiting. Proxies append the address
 * they saw to X-Forwarded-For, so only the entries added by our own proxies can be
 * trusted: with TRUSTED_PROXY_HOPS proxies in front (default 1: a load balancer, or
 * Next.js itself, which sets the header from the socket when it is absent) the client is
 * the entry that many places from the right. Entries further left are client-supplied.
 */
export function clientAddress(request: Request, trustedHops = Number(process.env.TRUSTED_PROXY_HOPS || 1)): string {
  const hops = request.headers
    .get('x-forwarded-for')
    ?.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const address = hops?.length ? hops[Math.max(0, hops.length - Math.max(1, trustedHops))] : request.headers.get('x-real-ip')?.trim();
  return (address || 'unknown').slice(0, 64);
}
