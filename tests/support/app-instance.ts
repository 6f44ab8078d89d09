/**
 * One app instance in a process of its own, for tests that need two (availability caches that
 * must follow each other's writes): an HTTP server that hands real Requests to the real route
 * handlers, as `next start` would, on DATABASE_URL (or SUPABASE_URL) from the environment.
 * Prints `listening <port>` once it answers. Run with tsx.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GET as availability } from '@/app/api/availability/route';
import { POST as createBooking } from '@/app/api/bookings/create/route';
import { POST as cancelVipBooking } from '@/app/api/vip/bookings/[bookingId]/cancel/route';
import { PUT as modifyVipBooking } from '@/app/api/vip/bookings/[bookingId]/modify/route';

type Handler = (request: Request, context: { params: Record<string, string> }) => Promise<Response>;
const routes: Array<[string, RegExp, Handler]> = [
  ['GET', /^\/api\/availability$/, availability],
  ['POST', /^\/api\/bookings\/create$/, createBooking],
  ['POST', /^\/api\/vip\/bookings\/(?<bookingId>[^/]+)\/cancel$/, cancelVipBooking],
  ['PUT', /^\/api\/vip\/bookings\/(?<bookingId>[^/]+)\/modify$/, modifyVipBooking],
];

const server = http.createServer((incoming, outgoing) => {
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.on('end', async () => {
    const url = new URL(incoming.url!, 'http://localhost:3000');
    const match = routes.map(([method, path, handler]) => ({ method, handler, found: path.exec(url.pathname) })).find((r) => r.method === incoming.method && r.found);
    if (!match) {
      outgoing.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
    const body = chunks.length ? Buffer.concat(chunks) : undefined;
    const response = await match.handler(new Request(url, { method: incoming.method, headers, body }), { params: { ...match.found!.groups } });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`));
