import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

/**
 * Local stand-ins for the providers of booking side effects (SMTP, Google Calendar, LINE
 * Messaging API). The real client libraries talk to them over loopback, as they would to
 * the real services.
 */

async function listen(server: net.Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** A loopback port where nothing listens (it was free a moment ago). */
export async function unusedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// --- SMTP ----------------------------------------------------------------------------------

export interface ReceivedMail {
  raw: Buffer;
  from: string | undefined;
  to: string[];
  user: string | undefined;
}

export interface SmtpStandIn {
  port: number;
  mails: ReceivedMail[];
  /** Answer RCPT TO (or the DATA) with a 550 rejection. */
  reject: { rcpt: boolean; data: boolean };
  /** Greet every connection with 421 (service not available) and close it, as an overloaded server does. */
  unavailable: boolean;
  /**
   * Keep the message (it is delivered) but never send the reply to its final "." — the
   * client cannot tell a lost reply from a lost message: SMTP's at-least-once window.
   */
  loseDataReply: boolean;
  /** Runs after a message is kept and before its "250 OK" is sent (to break something in between). */
  beforeDataReply: (() => Promise<void>) | undefined;
  close(): Promise<void>;
}

/** The Message-ID header of a received mail. */
export const messageIdOf = (mail: ReceivedMail) => /^Message-ID:\s*(\S+)/im.exec(mail.raw.toString('utf8'))?.[1];

function smtpRejection(message: string): Error {
  return Object.assign(new Error(message), { responseCode: 550 });
}

function addresses(session: SMTPServerSession): { from: string | undefined; to: string[] } {
  const from = session.envelope.mailFrom;
  return {
    from: from ? from.address : undefined,
    to: session.envelope.rcptTo.map((address: SMTPServerAddress) => address.address),
  };
}

/**
 * An SMTP server (smtp-server) that accepts any login over plain text and keeps what it receives.
 * `port` fixes its loopback port (the e2e server's SMTP_URL is set before it starts); `onMail`
 * sees each kept message (the e2e mailbox writes it where test workers read it).
 */
export async function startSmtpStandIn(options: { port?: number; onMail?: (mail: ReceivedMail) => void } = {}): Promise<SmtpStandIn> {
  const mails: ReceivedMail[] = [];
  const reject = { rcpt: false, data: false };
  const faults = { unavailable: false, loseDataReply: false, beforeDataReply: undefined as SmtpStandIn['beforeDataReply'] };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onConnect(_session, callback) {
      callback(faults.unavailable ? Object.assign(new Error('4.3.2 Service not available, closing transmission channel'), { responseCode: 421 }) : undefined);
    },
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onRcptTo(_address, _session, callback) {
      callback(reject.rcpt ? smtpRejection('5.1.1 Mailbox unavailable') : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (reject.data) return callback(smtpRejection('5.7.1 Message rejected'));
        const mail = { raw: Buffer.concat(chunks), ...addresses(session), user: session.user as string | undefined };
        mails.push(mail);
        options.onMail?.(mail);
        if (faults.loseDataReply) return; // delivered, but the "250 OK" never leaves
        const hook = faults.beforeDataReply;
        if (!hook) return callback();
        hook().then(() => callback(), callback);
      });
    },
  });
  const port = await listen(server.server, options.port);
  const sockets = new Set<net.Socket>();
  server.server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    port,
    mails,
    reject,
    get unavailable() {
      return faults.unavailable;
    },
    set unavailable(value: boolean) {
      faults.unavailable = value;
    },
    get loseDataReply() {
      return faults.loseDataReply;
    },
    set loseDataReply(value: boolean) {
      faults.loseDataReply = value;
    },
    get beforeDataReply() {
      return faults.beforeDataReply;
    },
    set beforeDataReply(value: SmtpStandIn['beforeDataReply']) {
      faults.beforeDataReply = value;
    },
    close: () => {
      // Connections left waiting for a reply that never comes would hold close() forever.
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP server that accepts connections and never says a word (no SMTP greeting). */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  const port = await listen(server);
  return {
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// --- HTTP helpers --------------------------------------------------------------------------

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

async function startHttp(handler: (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void) {
  const server = http.createServer((request, response) => {
    readBody(request).then(
      (body) => handler(request, body, response),
      () => response.destroy(),
    );
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// --- Google (OAuth token endpoint + Calendar API) ------------------------------------------

/** Calendar ids starting with "forbidden" answer 403, as a calendar not shared with the service account does. */
export interface GoogleStandIn {
  /** Root URL of the Calendar API (googleapis `rootUrl`). */
  rootUrl: string;
  tokenUrl: string;
  accessToken: string;
  tokenRequests: URLSearchParams[];
  /** Every insert request, including refused duplicates. */
  inserts: Array<{ calendarId: string; authorization: string | undefined; body: Record<string, unknown>; status: number }>;
  /** Events created, by `${calendarId}/${eventId}`. */
  events: Map<string, Record<string, unknown>>;
  /** Every update (PUT) of an event, with 404 for one that does not exist. */
  updates: Array<{ key: string; body: Record<string, unknown>; status: number }>;
  /** Every delete of an event: 204, or 410 when it was not there. */
  deletes: Array<{ key: string; status: number }>;
  /** Never answer event inserts (the same as `mode = 'hang'`). */
  hangInserts: boolean;
  /**
   * How event writes (insert, update, delete) are answered: 'normal' as Google does;
   * 'error' 503 backendError, changing nothing; 'hang' never, changing nothing;
   * 'lose-reply' performs the write but never answers (the client times out after Google
   * did the work).
   */
  mode: 'normal' | 'error' | 'hang' | 'lose-reply';
  /** Every events.get, with its status. */
  gets: Array<{ key: string; status: number }>;
  close(): Promise<void>;
}

export async function startGoogleStandIn(): Promise<GoogleStandIn> {
  const accessToken = `stand-in-token-${Math.random().toString(36).slice(2)}`;
  const state = {
    tokenRequests: [] as URLSearchParams[],
    inserts: [] as GoogleStandIn['inserts'],
    events: new Map<string, Record<string, unknown>>(),
    mode: 'normal' as GoogleStandIn['mode'],
    updates: [] as GoogleStandIn['updates'],
    deletes: [] as GoogleStandIn['deletes'],
    gets: [] as GoogleStandIn['gets'],
  };
  const unavailable = { error: { code: 503, message: 'The service is currently unavailable.', errors: [{ domain: 'global', reason: 'backendError' }] } };
  /**
   * What the mode makes of a write: 'stop' (answered 503, or never, and not performed),
   * 'answer' (performed and answered), or 'silent' (performed, the reply lost).
   */
  const faulted = (response: http.ServerResponse): 'answer' | 'stop' | 'silent' => {
    if (state.mode === 'hang') return 'stop';
    if (state.mode === 'error') {
      sendJson(response, 503, unavailable);
      return 'stop';
    }
    return state.mode === 'lose-reply' ? 'silent' : 'answer';
  };
  const reply = (mode: 'answer' | 'silent', response: http.ServerResponse, status: number, body: unknown) => {
    if (mode === 'answer') sendJson(response, status, body);
  };
  const standIn = await startHttp((request, body, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (request.method === 'POST' && url.pathname === '/token') {
      state.tokenRequests.push(new URLSearchParams(body));
      return sendJson(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 3600 });
    }
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events$/.exec(url.pathname);
    if (request.method === 'POST' && match) {
      const fault = faulted(response);
      if (fault === 'stop') return;
      const calendarId = decodeURIComponent(match[1]!);
      const authorization = request.headers.authorization;
      const event = JSON.parse(body) as Record<string, unknown>;
      const record = (status: number) => state.inserts.push({ calendarId, authorization, body: event, status });
      if (authorization !== `Bearer ${accessToken}`) {
        record(401);
        return sendJson(response, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
      }
      if (calendarId.startsWith('forbidden')) {
        record(403);
        return sendJson(response, 403, { error: { code: 403, message: 'You need to have writer access to this calendar.', errors: [{ domain: 'calendar', reason: 'requiredAccessLevel' }] } });
      }
      const key = `${calendarId}/${String(event.id)}`;
      if (state.events.has(key)) {
        record(409);
        return sendJson(response, 409, {
          error: { code: 409, message: 'The requested identifier already exists.', errors: [{ domain: 'global', reason: 'duplicate', message: 'The requested identifier already exists.' }] },
        });
      }
      record(200);
      const created = { kind: 'calendar#event', ...event, htmlLink: `https://calendar.example/${String(event.id)}` };
      state.events.set(key, created);
      return reply(fault, response, 200, created);
    }
    // events.get (GET), events.update (PUT) and events.delete (DELETE) of one event.
    const one = /^\/calendar\/v3\/calendars\/([^/]+)\/events\/([^/]+)$/.exec(url.pathname);
    if (one && (request.method === 'GET' || request.method === 'PUT' || request.method === 'DELETE')) {
      const key = `${decodeURIComponent(one[1]!)}/${decodeURIComponent(one[2]!)}`;
      if (request.headers.authorization !== `Bearer ${accessToken}`) return sendJson(response, 401, { error: { code: 401, message: 'Invalid credentials' } });
      const existing = state.events.get(key);
      if (request.method === 'GET') {
        state.gets.push({ key, status: existing ? 200 : 404 });
        return existing ? sendJson(response, 200, existing) : sendJson(response, 404, { error: { code: 404, message: 'Not Found' } });
      }
      const fault = faulted(response);
      if (fault === 'stop') return;
      if (request.method === 'PUT') {
        state.updates.push({ key, body: JSON.parse(body) as Record<string, unknown>, status: existing ? 200 : 404 });
        if (!existing) return reply(fault, response, 404, { error: { code: 404, message: 'Not Found' } });
        const updated = { ...existing, ...(JSON.parse(body) as Record<string, unknown>) };
        state.events.set(key, updated);
        return reply(fault, response, 200, updated);
      }
      state.deletes.push({ key, status: existing ? 204 : 410 });
      if (!existing) return reply(fault, response, 410, { error: { code: 410, message: 'Resource has been deleted' } });
      state.events.delete(key);
      if (fault === 'answer') {
        response.writeHead(204);
        response.end();
      }
      return;
    }
    sendJson(response, 404, { error: { code: 404, message: 'Not Found' } });
  });
  return {
    updates: state.updates,
    deletes: state.deletes,
    rootUrl: `${standIn.url}/`,
    tokenUrl: `${standIn.url}/token`,
    accessToken,
    tokenRequests: state.tokenRequests,
    inserts: state.inserts,
    events: state.events,
    gets: state.gets,
    get hangInserts() {
      return state.mode === 'hang';
    },
    set hangInserts(value: boolean) {
      state.mode = value ? 'hang' : 'normal';
    },
    get mode() {
      return state.mode;
    },
    set mode(value: GoogleStandIn['mode']) {
      state.mode = value;
    },
    close: standIn.close,
  };
}

// --- LINE Messaging API ----------------------------------------------------------------------

export interface LineStandIn {
  baseUrl: string;
  /** Every push request received. */
  requests: Array<{ authorization: string | undefined; retryKey: string | undefined; body: { to: string; messages: Array<{ type: string; text: string }> } }>;
  /** Pushes accepted (one per retry key, as LINE does). */
  accepted: Array<{ to: string; text: string }>;
  /**
   * 'normal' behaves like LINE; 'error' answers 500; 'hang' never answers; 'lose-reply'
   * accepts and delivers the push but never answers (the client times out after LINE did the work).
   */
  mode: 'normal' | 'error' | 'hang' | 'lose-reply';
  close(): Promise<void>;
}

export async function startLineStandIn(): Promise<LineStandIn> {
  const state = { requests: [] as LineStandIn['requests'], accepted: [] as LineStandIn['accepted'], mode: 'normal' as LineStandIn['mode'] };
  const acceptedKeys = new Map<string, string>();
  const standIn = await startHttp((request, body, response) => {
    if (request.method !== 'POST' || request.url !== '/v2/bot/message/push') return sendJson(response, 404, { message: 'Not found' });
    const retryKey = request.headers['x-line-retry-key'] as string | undefined;
    const parsed = JSON.parse(body) as LineStandIn['requests'][number]['body'];
    state.requests.push({ authorization: request.headers.authorization, retryKey, body: parsed });
    if (state.mode === 'hang') return;
    if (state.mode === 'error') return sendJson(response, 500, { message: 'An error occurred on the server' });
    if (retryKey && acceptedKeys.has(retryKey)) {
      return sendJson(response, 409, { message: 'The retry key is already accepted', sentMessages: [] }, { 'x-line-accepted-request-id': acceptedKeys.get(retryKey)! });
    }
    const requestId = `req-${state.requests.length}`;
    if (retryKey) acceptedKeys.set(retryKey, requestId);
    for (const message of parsed.messages) state.accepted.push({ to: parsed.to, text: message.text });
    if (state.mode === 'lose-reply') return;
    sendJson(response, 200, { sentMessages: parsed.messages.map((_, i) => ({ id: `${requestId}-${i}`, quoteToken: 'q' })) }, { 'x-line-request-id': requestId });
  });
  return {
    baseUrl: standIn.url,
    requests: state.requests,
    accepted: state.accepted,
    get mode() {
      return state.mode;
    },
    set mode(value: LineStandIn['mode']) {
      state.mode = value;
    },
    close: standIn.close,
  };
}

// --- All three, wired into the environment ---------------------------------------------------

export interface ProviderStandIns {
  smtp: SmtpStandIn;
  google: GoogleStandIn;
  line: LineStandIn;
  /** The LINE group the staff messages go to. */
  staffGroupId: string;
  /** Stops the stand-ins and restores the environment as it was. */
  close(): Promise<void>;
}

/**
 * Starts SMTP, Google and LINE stand-ins and points the app's real SDKs at them through the
 * environment (plus `extraEnv`), for tests that follow a booking to its deliveries.
 */
export async function startProviderStandIns(extraEnv: Record<string, string> = {}): Promise<ProviderStandIns> {
  const [smtp, google, line] = await Promise.all([startSmtpStandIn(), startGoogleStandIn(), startLineStandIn()]);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const staffGroupId = 'Cstaffgroup0123456789abcdef0123456';
  const savedEnv = { ...process.env };
  Object.assign(process.env, {
    SMTP_URL: `smtp://mailer:secret@127.0.0.1:${smtp.port}`,
    EMAIL_FROM: 'Golf Bay Bangkok <bookings@golfbay.test>',
    GOOGLE_SERVICE_ACCOUNT_EMAIL: 'bookings@golf-bay-test.iam.gserviceaccount.com',
    GOOGLE_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    GOOGLE_CALENDAR_API_ROOT_URL: google.rootUrl,
    GOOGLE_OAUTH_TOKEN_URL: google.tokenUrl,
    LINE_CHANNEL_ACCESS_TOKEN: 'stand-in-channel-token',
    LINE_STAFF_GROUP_ID: staffGroupId,
    LINE_API_BASE_URL: line.baseUrl,
    ...extraEnv,
  });
  return {
    smtp,
    google,
    line,
    staffGroupId,
    async close() {
      process.env = savedEnv;
      await Promise.all([smtp.close(), google.close(), line.close()]);
    },
  };
}
