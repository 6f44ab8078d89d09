import { readEnv } from '../config/env';

/**
 * The header that carries the TCP peer address of each request: set by the app's own HTTP
 * server hook (lib/http/server-hook.ts, installed by instrumentation.ts), which first removes
 * any copy the client sent. Route handlers get a web Request without the socket; this is how
 * the socket reaches them.
 */
export const SOCKET_ADDRESS_HEADER = 'x-app-socket-address';

/** Set on globalThis by the server hook once installed in this process. */
export const SOCKET_HOOK_INSTALLED = Symbol.for('golf-bay.socket-address-hook');

/**
 * How many proxies of our own stand in front of the app (TRUSTED_PROXY_HOPS, default 0: none,
 * the client connects to `next start` itself). Each appends the address it saw to
 * X-Forwarded-For; nothing in that header is trusted beyond them.
 */
export function trustedProxyHops(): number {
  return readEnv('TRUSTED_PROXY_HOPS');
}

let warnedNoSocket = false;

/**
 * The client address a request came from, for rate limiting. With no trusted proxy it is the
 * socket's peer; with N trusted proxies it is the X-Forwarded-For entry N-1 places from the
 * right (the address the outermost of our proxies saw); entries further left are
 * client-supplied and ignored. (Next.js fills X-Forwarded-For from the socket only when the
 * client sent none, so without a proxy its rightmost entry is whatever the client wrote.)
 */
export function clientAddress(request: Request, trustedHops = trustedProxyHops()): string {
  const hooked = Boolean((globalThis as Record<symbol, unknown>)[SOCKET_HOOK_INSTALLED]);
  // Without the hook in this process nobody removed a client-sent copy: the header proves nothing.
  const socket = (hooked && request.headers.get(SOCKET_ADDRESS_HEADER)?.trim()) || null;
  let address: string | null = socket;
  if (trustedHops > 0) {
    const forwarded = (request.headers.get('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    // Fewer entries than proxies: the request skipped the outer ones; the leftmost is the best left.
    if (forwarded.length) address = forwarded[Math.max(0, forwarded.length - trustedHops)] ?? null;
  } else if (!hooked && !warnedNoSocket) {
    // With the hook installed, only requests that arrived during start-up, before it, lack the header.
    warnedNoSocket = true;
    console.warn(
      'TRUSTED_PROXY_HOPS=0 but the server hook that records socket addresses is not installed in this process (e.g. a serverless host): ' +
        'every client shares one rate-limit bucket. Set TRUSTED_PROXY_HOPS to the proxies in front of the app.',
    );
  }
  return (address || 'unknown').slice(0, 64);
}
