import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SOCKET_ADDRESS_HEADER, clientAddress, trustedProxyHops } from '@/lib/http/client-key';
import { hookHttpServer } from '@/lib/http/server-hook';

// The header is only believed where the hook runs (and so removes client-sent copies), as under next start.
hookHttpServer();

/** A request as the server hook hands it on: the socket's peer, plus whatever X-Forwarded-For the client or proxies sent. */
const requestFrom = (socket: string | null, forwardedFor?: string) => {
  const headers = new Headers();
  if (socket) headers.set(SOCKET_ADDRESS_HEADER, socket);
  if (forwardedFor !== undefined) headers.set('x-forwarded-for', forwardedFor);
  return new Request('http://localhost/', { headers });
};

describe('clientAddress', () => {
  it('with no trusted proxy (hops 0) is the socket peer, whatever X-Forwarded-For says', () => {
    expect(clientAddress(requestFrom('198.51.100.7'), 0)).toBe('198.51.100.7');
    // The attack: a client rotating X-Forwarded-For stays one client.
    for (const forged of ['1.1.1.1', '2.2.2.2', '3.3.3.3, 4.4.4.4', '198.51.100.8']) {
      expect(clientAddress(requestFrom('198.51.100.7', forged), 0)).toBe('198.51.100.7');
    }
    // No socket address (a request from before the hook was installed): one shared bucket, never a client-chosen one.
    expect(clientAddress(requestFrom(null, '5.5.5.5'), 0)).toBe('unknown');
  });

  it('believes the socket header only where the hook runs', () => {
    const flag = Symbol.for('golf-bay.socket-address-hook');
    const global = globalThis as Record<symbol, unknown>;
    global[flag] = undefined;
    try {
      expect(clientAddress(requestFrom('6.6.6.6'), 0)).toBe('unknown');
      expect(clientAddress(requestFrom('6.6.6.6'), 1)).toBe('unknown');
    } finally {
      global[flag] = true;
    }
  });

  it('behind one proxy (hops 1) is the rightmost X-Forwarded-For entry: the address the proxy saw', () => {
    expect(clientAddress(requestFrom('10.0.0.2', '203.0.113.9'), 1)).toBe('203.0.113.9');
    // A client-supplied entry on the left is ignored: the proxy appended the real one.
    expect(clientAddress(requestFrom('10.0.0.2', '1.2.3.4, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientAddress(requestFrom('10.0.0.2', ' 1.2.3.4 ,203.0.113.9 '), 1)).toBe('203.0.113.9');
    // A request that reached the app without passing the proxy: its socket peer.
    expect(clientAddress(requestFrom('192.0.2.44'), 1)).toBe('192.0.2.44');
    expect(clientAddress(requestFrom(null, '203.0.113.9'), 1)).toBe('203.0.113.9');
  });

  it('behind two proxies (hops 2) is the entry the outer proxy appended', () => {
    expect(clientAddress(requestFrom('10.0.0.3', '1.2.3.4, 203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
    expect(clientAddress(requestFrom('10.0.0.3', '203.0.113.9, 10.0.0.2'), 2)).toBe('203.0.113.9');
    // Fewer entries than proxies: the leftmost is the best there is.
    expect(clientAddress(requestFrom('10.0.0.3', '10.0.0.2'), 2)).toBe('10.0.0.2');
  });

  it('never answers more than 64 characters, and "unknown" without any address', () => {
    expect(clientAddress(requestFrom(null), 0)).toBe('unknown');
    expect(clientAddress(requestFrom(null), 1)).toBe('unknown');
    expect(clientAddress(requestFrom('10.0.0.2', 'x'.repeat(500)), 1)).toHaveLength(64);
  });
});

describe('TRUSTED_PROXY_HOPS', () => {
  const saved = process.env.TRUSTED_PROXY_HOPS;
  afterEach(() => {
    process.env.TRUSTED_PROXY_HOPS = saved;
  });

  it('defaults to 0 and accepts only whole non-negative numbers', () => {
    for (const [value, hops] of [['', 0], ['0', 0], ['1', 1], ['2', 2], ['-1', 0], ['1.5', 0], ['abc', 0]] as const) {
      process.env.TRUSTED_PROXY_HOPS = value;
      expect(trustedProxyHops(), value).toBe(hops);
    }
    delete process.env.TRUSTED_PROXY_HOPS;
    expect(trustedProxyHops()).toBe(0);
  });
});

describe('the HTTP server hook (a real Node server)', () => {
  let server: http.Server;
  let port: number;
  const seen: Array<{ header: string | undefined; raw: string[] }> = [];

  beforeAll(async () => {
    process.env.REQUEST_TIMEOUT_MS = '800';
    // Installed at the top of the file; installing it again must not wrap emit twice.
    hookHttpServer();
    server = http.createServer((request, response) => {
      seen.push({ header: request.headers[SOCKET_ADDRESS_HEADER] as string | undefined, raw: [...request.rawHeaders] });
      // Like a route handler: read the whole body, then answer.
      request.resume();
      request.on('end', () => response.end('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    delete process.env.REQUEST_TIMEOUT_MS;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('replaces a client-sent socket address header with the real peer', async () => {
    seen.length = 0;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { [SOCKET_ADDRESS_HEADER]: '6.6.6.6', 'x-forwarded-for': '7.7.7.7' } });
    expect(await response.text()).toBe('ok');
    expect(seen[0]!.header).toBe('127.0.0.1');
    const rawValues = seen[0]!.raw.filter((_, i, raw) => raw[i - 1]?.toLowerCase() === SOCKET_ADDRESS_HEADER);
    expect(rawValues).toEqual(['127.0.0.1']);
  });

  it('removes every copy, whatever its case', async () => {
    seen.length = 0;
    const answer = await rawExchange(
      `GET / HTTP/1.1\r\nHost: x\r\nX-App-Socket-Address: 6.6.6.6\r\n${SOCKET_ADDRESS_HEADER}: 8.8.8.8\r\nConnection: close\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1.1 200/);
    expect(seen[0]!.header).toBe('127.0.0.1');
    expect(seen[0]!.raw.join(' ')).not.toMatch(/6\.6\.6\.6|8\.8\.8\.8/);
  });

  it('cuts off a body that trickles in past REQUEST_TIMEOUT_MS with 408 and closes the connection', async () => {
    const startedAt = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
    const trickle = setInterval(() => socket.write('{'), 100);
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    await new Promise((resolve) => socket.on('close', resolve));
    clearInterval(trickle);
    const elapsed = Date.now() - startedAt;
    expect(answer).toMatch(/^HTTP\/1.1 408/);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'REQUEST_TIMEOUT', path: '/' });
    expect(elapsed).toBeGreaterThanOrEqual(700);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('leaves a request whose body arrived in time alone', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(200);
    // Its timer must not fire later on the kept-alive connection.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  });

  function rawExchange(text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }
});
