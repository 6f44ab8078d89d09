/**
 * The client address a request came from, for rate limiting: the first hop of
 * X-Forwarded-For (set by the load balancer in front of the app), else X-Real-IP.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const address = forwarded || request.headers.get('x-real-ip')?.trim() || 'unknown';
  return address.slice(0, 64);
}
