import net from 'node:net';
import { expect } from '@playwright/test';
import { test } from './support';

/**
 * Attacks on the framework itself, sent as raw HTTP to the built app (`next start`, the
 * suite's web server), no browser:
 * - CVE-2026-44578 (Next.js < 15.5.16): a request line in absolute form with
 *   `Upgrade: websocket` made `next start` connect to the named host and relay its answer;
 * - methods Node accepts but the web Request cannot hold (TRACE, TRACK, CONNECT), and
 *   unknown ones, on an API route: 405 or 400, never a 5xx.
 */

const APP = { host: '127.0.0.1', port: 3100 };

interface Listener {
  port: number;
  connections: () => number;
  close: () => Promise<void>;
}

/** A server that would hand a secret to whoever connects: what an internal service looks like. */
function listen(port: number): Promise<Listener> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 15\r\n\r\ninternal-secret');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address() as net.AddressInfo;
      resolve({ port: address.port, connections: () => connections, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

/** Sends raw bytes to the app and collects its answer until it closes or `waitMs` pass. */
function rawExchange(request: string, waitMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect(APP.port, APP.host, () => socket.write(request));
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);

test.describe('WebSocket-upgrade SSRF (CVE-2026-44578)', () => {
  test('an absolute-form upgrade request reaches no other host, on port 80 or any other', async () => {
    const targets: Listener[] = [await listen(0)];
    try {
      // Port 80 needs root (as in CI); where it cannot be bound, the random port still proves the point.
      targets.push(await listen(80));
    } catch (error) {
      test.info().annotations.push({ type: 'note', description: `port 80 not bindable here (${(error as NodeJS.ErrnoException).code})` });
    }
    try {
      for (const target of targets) {
        const hostPart = target.port === 80 ? '127.0.0.1' : `127.0.0.1:${target.port}`;
        const answer = await rawExchange(
          `GET http://${hostPart}/x HTTP/1.1\r\nHost: ${APP.host}:${APP.port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
            'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        );
        expect(target.connections(), `connections that reached 127.0.0.1:${target.port}`).toBe(0);
        expect(answer).not.toContain('internal-secret');
      }
    } finally {
      await Promise.all(targets.map((target) => target.close()));
    }
  });
});

test.describe('HTTP methods on an API route', () => {
  for (const method of ['TRACE', 'TRACK', 'CONNECT', 'PROPFIND', 'BREW']) {
    test(`${method} is refused with 405 or 400, never a 5xx`, async () => {
      const target = method === 'CONNECT' ? `${APP.host}:${APP.port}` : '/api/health';
      const answer = await rawExchange(`${method} ${target} HTTP/1.1\r\nHost: ${APP.host}:${APP.port}\r\nConnection: close\r\n\r\n`);
      expect([405, 400], answer.slice(0, 200)).toContain(statusOf(answer));
    });
  }

  test('TRACE on a route with a body-taking method is 405 too', async () => {
    const answer = await rawExchange(`TRACE /api/bookings/create HTTP/1.1\r\nHost: ${APP.host}:${APP.port}\r\nConnection: close\r\n\r\n`);
    expect([405, 400]).toContain(statusOf(answer));
  });
});
