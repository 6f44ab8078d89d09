import { rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { expect } from '@playwright/test';
import { test } from './support';
import { startBuiltApp, TEST_SECRETS, type BuiltApp } from './built-app';

/**
 * What only the real server shows (issue 12, part 4): the built app under `next start`, on
 * its own embedded database, with no proxy in front (TRUSTED_PROXY_HOPS=0). A client that
 * rotates X-Forwarded-For (or forges the socket header) stays one client for the rate
 * limits; a body that trickles in is cut off at REQUEST_TIMEOUT_MS; oversized bodies are
 * refused over the wire. The server hook that makes this work is lib/http/server-hook.ts
 * (installed by instrumentation.ts). No browser; run `next build` first.
 */

const DATA_DIR = '.data/e2e-security-server';
const REQUEST_TIMEOUT_MS = 3_000;

let app: BuiltApp;
let base = '';
let port = 0;

/** A JSON POST sent from `localAddress` (any 127.x.y.z works on Linux loopback). */
const postFrom = (localAddress: string, urlPath: string, body: string) =>
  new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: urlPath, method: 'POST', localAddress, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

test.describe('The built app under next start, with no proxy in front', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    rmSync(path.resolve(__dirname, '../..', DATA_DIR), { recursive: true, force: true });
    port = await freePort();
    app = startBuiltApp(port, { ...TEST_SECRETS, DATA_DIR, TRUSTED_PROXY_HOPS: '0', REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
    base = app.url;
    await app.untilHealth(200);
  });

  test.afterAll(async () => {
    await app?.stop();
  });

  test('rotating X-Forwarded-For (and forging the socket header) does not escape the per-address limit', async () => {
    // POST /api/vip/sessions allows 10 a minute per client address.
    const statuses: number[] = [];
    const remaining: Array<string | null> = [];
    for (let n = 1; n <= 12; n++) {
      const response = await fetch(`${base}/api/vip/sessions`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Forwarded-For': `203.0.113.${n}`,
          'X-Real-IP': `198.51.100.${n}`,
          'X-App-Socket-Address': `192.0.2.${n}`,
        },
        body: JSON.stringify({ vip_code: `NOPE${n}X` }),
      });
      statuses.push(response.status);
      remaining.push(response.headers.get('x-ratelimit-remaining'));
      await response.arrayBuffer();
    }
    expect(statuses.slice(0, 10).every((status) => status !== 429), statuses.join(',')).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // One bucket: the count went down by one each time, whatever address the client claimed.
    expect(remaining.slice(0, 10)).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);

    // And the bucket is the socket's: another client address (a second loopback address) has its own.
    const other = await postFrom('127.0.0.2', '/api/vip/sessions', JSON.stringify({ vip_code: 'OTHER1X' }));
    expect(other.status).not.toBe(429);
    expect(other.headers['x-ratelimit-remaining']).toBe('9');
    expect(app.output()).not.toContain('server hook that records socket addresses is not installed');
  });

  test('a request whose body trickles in is cut off at REQUEST_TIMEOUT_MS with 408, and the server carries on', async () => {
    const startedAt = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /api/availability/check HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{`,
    );
    // One byte every 200 ms: 4000 bytes would take 13 minutes.
    const trickle = setInterval(() => socket.writable && socket.write(' '), 200);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    const closedAfter = await new Promise<number>((resolve) => {
      socket.once('close', () => resolve(Date.now() - startedAt));
      setTimeout(() => resolve(-1), 60_000);
    });
    clearInterval(trickle);
    socket.destroy();
    expect(closedAfter, 'the server closed the connection').toBeGreaterThan(0);
    expect(closedAfter).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 200);
    expect(closedAfter).toBeLessThan(REQUEST_TIMEOUT_MS + 3_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'REQUEST_TIMEOUT', path: '/api/availability/check' });
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect(app.output()).not.toMatch(/uncaught|unhandled/i);
  });

  test('a 100 MB Content-Length is refused with 413 before the body is sent', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write(`POST /api/availability/check HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n{`),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\r\n\r\n') && text.includes('}')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
      setTimeout(() => reject(new Error(`no answer: ${text}`)), 10_000);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toContain('"code":"PAYLOAD_TOO_LARGE"');
  });

  test('a chunked body that grows past 64 KB is refused with 413 while the client is still sending', async () => {
    let sent = 0;
    let answered = false;
    const chunk = ' '.repeat(16 * 1024);
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        // Up to 50 MB, a chunk every few ms: the answer must come long before the end.
        if (answered || sent > 50 * 1024 * 1024) return controller.close();
        await new Promise((resolve) => setTimeout(resolve, 2));
        sent += chunk.length;
        controller.enqueue(new TextEncoder().encode(sent === chunk.length ? `{${chunk}` : chunk));
      },
    });
    const response = await fetch(`${base}/api/availability/check`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit).finally(() => (answered = true));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });
});
