import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import { readEnv } from '../config/env';
import { SOCKET_ADDRESS_HEADER, SOCKET_HOOK_INSTALLED } from './client-key';
import { errorCodes, type ErrorCode } from './errors';

/**
 * What the app needs from the Node HTTP server that `next start` runs, which Next.js does
 * not let an app configure: the socket address of each request (for rate limits when no
 * proxy stands in front: TRUSTED_PROXY_HOPS=0) and a bound on slow requests (Node holds a
 * request body for 300 s by default), and a 405 for the methods a web `Request` cannot
 * carry (TRACE, TRACK, CONNECT), which Next.js would otherwise answer with 500 or a dropped
 * connection.
 *
 * instrumentation.ts calls hookHttpServer() in the server process. By then Next.js has
 * created and started its server, so the hook patches `emit` on Node's http.Server (and
 * https.Server) prototype: every server in the process, whoever created it, passes each
 * request through prepareRequest before its listeners see it. It relies on Node's http
 * module only (the 'request' event, IncomingMessage.headers/rawHeaders, the server's
 * timeout settings), not on Next.js internals. Requests that arrived before the hook was
 * installed (the first moments of start-up, while Next.js prepares and runs
 * instrumentation) carry no socket address: with TRUSTED_PROXY_HOPS=0 they share one
 * rate-limit bucket ('unknown'), never a client-chosen one.
 */
export function hookHttpServer(): void {
  for (const Server of [http.Server, https.Server]) {
    const prototype = Server.prototype as unknown as Record<symbol, unknown> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
    if (prototype[hooked]) continue;
    const emit = prototype.emit;
    prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === 'connection') configureServer(this);
      else if (event === 'request') {
        const [request, response] = args as [IncomingMessage, ServerResponse];
        if (refuseUnservableMethod(request, response)) return true;
        prepareRequest(this, request, response);
      }
      return emit.call(this, event, ...args);
    };
    prototype[hooked] = true;
  }
  (globalThis as Record<symbol, unknown>)[SOCKET_HOOK_INSTALLED] = true;
}

const hooked = Symbol.for('golf-bay.http-server-hook');
const configured = new WeakSet<http.Server>();

/**
 * How long a whole request (headers and body) may take to arrive: REQUEST_TIMEOUT_MS, default
 * 30 s. Bodies here are at most a few KB (lib/http/request-body.ts), so only a client that
 * trickles its request on purpose, holding a connection, ever meets it.
 */
export function requestTimeoutMs(): number {
  return readEnv('REQUEST_TIMEOUT_MS');
}

/**
 * Node's own bounds, for the part the request hook cannot see (slow headers: a request is
 * only emitted once its headers are in). Node checks them every 30 s
 * (connectionsCheckingInterval, fixed when the server was created), so they fire up to 30 s late.
 */
function configureServer(server: http.Server): void {
  if (configured.has(server)) return;
  configured.add(server);
  const timeout = requestTimeoutMs();
  server.requestTimeout = timeout;
  server.headersTimeout = Math.min(server.headersTimeout || timeout, timeout);
  // Without a 'connect' listener Node drops a CONNECT request's connection unanswered.
  server.on('connect', refuseConnect);
}

/** Methods Node parses that no route serves and the fetch standard forbids in a `Request`. */
const unservableMethods = new Set(['TRACE', 'TRACK', 'CONNECT']);
/** Every method some route of the app answers (each route's own 405 names its own). */
const servedMethods = 'GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE';

function refuseUnservableMethod(request: IncomingMessage, response: ServerResponse): boolean {
  if (!unservableMethods.has(request.method ?? '')) return false;
  const body = envelope('METHOD_NOT_ALLOWED', request.url);
  response.writeHead(405, { ...jsonHeaders(body), Allow: servedMethods });
  response.end(body);
  return true;
}

function refuseConnect(request: IncomingMessage, socket: Duplex): void {
  const body = envelope('METHOD_NOT_ALLOWED', '/');
  const headers = Object.entries({ ...jsonHeaders(body), Allow: servedMethods, Connection: 'close' }).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\n${headers.join('')}\r\n${body}`);
}

/** The API's error envelope, for answers given before Next.js sees the request. */
function envelope(code: ErrorCode, url: string | undefined): string {
  const path = (url ?? '/').split('?')[0];
  return JSON.stringify({ error: errorCodes[code].message, code, timestamp: new Date().toISOString(), path });
}

function jsonHeaders(body: string): Record<string, string | number> {
  return { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' };
}

function prepareRequest(server: http.Server, request: IncomingMessage, response: ServerResponse): void {
  configureServer(server);
  stampSocketAddress(request);
  boundRequestTime(request, response);
}

/** Replaces whatever the client sent as SOCKET_ADDRESS_HEADER with the TCP peer's address. */
function stampSocketAddress(request: IncomingMessage): void {
  const raw = request.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) {
    if (raw[i]?.toLowerCase() === SOCKET_ADDRESS_HEADER) raw.splice(i, 2);
  }
  delete request.headers[SOCKET_ADDRESS_HEADER];
  const peer = request.socket.remoteAddress;
  if (!peer) return;
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; rate limits key it as a.b.c.d.
  const address = peer.startsWith('::ffff:') && peer.includes('.') ? peer.slice(7) : peer;
  raw.push(SOCKET_ADDRESS_HEADER, address);
  request.headers[SOCKET_ADDRESS_HEADER] = address;
}

/**
 * Cuts off a request whose body has not fully arrived requestTimeoutMs() after its headers:
 * answers 408 in the error envelope (unless an answer has started) and closes the connection.
 * Node's own requestTimeout would do the same up to 30 s late (see configureServer).
 */
function boundRequestTime(request: IncomingMessage, response: ServerResponse): void {
  const timer = setTimeout(() => {
    if (request.complete) return;
    const close = () => request.socket.destroy();
    if (response.headersSent) return close();
    const body = envelope('REQUEST_TIMEOUT', request.url);
    response.writeHead(408, { ...jsonHeaders(body), Connection: 'close' });
    response.end(body, close);
  }, requestTimeoutMs());
  timer.unref();
  request.once('close', () => clearTimeout(timer));
}
