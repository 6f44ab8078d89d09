import fc from 'fast-check';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { contracts } from '../../lib/api/contracts';
import { errorCodes } from '../../lib/http/errors';
import { sql } from './sql';

/**
 * Hostile input for property-based tests of every route: arbitraries of values a client
 * should never send (wrong types, huge and odd strings, SQL-looking text, bad numbers and
 * dates, containers where scalars belong, prototype keys), mutators that corrupt one or
 * more fields of a route's valid input, malformed raw bodies, forged headers and junk path
 * ids; a fingerprint of the database; and `fuzzRoute`, which sends the generated requests
 * and checks each answer: never a 5xx, a refusal is 4xx in the route's documented body,
 * and a refused request leaves the database as it was.
 */

// --- Run settings ------------------------------------------------------------------------

/** FUZZ_SEED (default fixed, so a run is repeatable); each route derives its own seed from it. */
export const fuzzSeed = Number(process.env.FUZZ_SEED || 20261125);
/** FUZZ_RUNS scales every route's run count (default 1: each route's own count). */
const runScale = Number(process.env.FUZZ_RUNS || 1);
export const runsFor = (runs: number) => Math.max(1, Math.round(runs * runScale));

/** Every route of the contracts list, as `METHOD /path`. */
export const contractRoutes = () => contracts.map((contract) => `${contract.method} ${contract.path}`);

/**
 * Which hostile-input test file drives which route. The coverage test checks that this is
 * exactly the contracts list, so a new route without a fuzz test fails; each file checks
 * that it has a target for every route of its area.
 */
export const fuzzAreas = {
  public: [
    'GET /api/availability',
    'POST /api/availability/check',
    'POST /api/bookings/create',
    'POST /api/vip/sessions',
    'POST /api/vip/sessions/validate',
    'GET /api/health',
    'GET /api/lucky-draw/campaign-status',
    'POST /api/auth/email-code',
    'GET /api/bookings/manage',
    'PUT /api/bookings/manage/modify',
    'POST /api/bookings/manage/cancel',
  ],
  member: [
    'GET /api/vip/status',
    'GET /api/vip/packages',
    'GET /api/vip/profile',
    'PUT /api/vip/profile',
    'POST /api/vip/link-account',
    'GET /api/vip/bookings',
    'PUT /api/vip/bookings/{bookingId}/modify',
    'POST /api/vip/bookings/{bookingId}/cancel',
    'GET /api/vip/sessions/analytics',
    'GET /api/vip/guest-bookings',
    'POST /api/vip/guest-bookings/{bookingId}/claim',
  ],
  machine: [
    'POST /api/bookings/calendar/create',
    'POST /api/cron/process-outbox',
    'GET /api/cron/process-outbox',
    'POST /api/cron/cleanup-vip-sessions',
    'GET /api/cron/cleanup-vip-sessions',
    'GET /api/lucky-draw/customer-status',
    'POST /api/liff/spin',
    'GET /api/liff/me',
    'POST /api/lucky-draw/redeem',
    'POST /api/lucky-draw/sales-transactions',
    'POST /api/notifications/line',
    'POST /api/notifications/email',
    'POST /api/notifications/email/cancellation',
    'POST /api/notifications/schedule-review-request',
    'POST /api/notifications/send-review-request',
    'POST /api/notifications/line/review-request',
    'POST /api/notifications/process-review-requests',
    'GET /api/notifications/process-review-requests',
    'POST /api/admin/calendar-retry',
    'POST /api/admin/outbox-jobs/{jobId}/retry',
  ],
  staff: [
    'GET /api/staff/me',
    'GET /api/staff/members',
    'POST /api/staff/members',
    'PATCH /api/staff/members/{memberId}',
    'DELETE /api/staff/members/{memberId}',
    'GET /api/staff/audit',
    'GET /api/staff/profiles/{profileId}/marketing-consents',
    'GET /api/staff/prizes/{code}',
    'POST /api/staff/prizes/{code}/redeem',
    'GET /api/staff/day-sheet',
    'POST /api/staff/bookings/{bookingId}/attendance',
    'POST /api/staff/bookings/{bookingId}/deliveries/retry',
    'POST /api/staff/bookings/{bookingId}/move',
    'POST /api/staff/bookings/{bookingId}/cancel',
    'GET /api/staff/customers',
    'POST /api/staff/customers',
    'POST /api/staff/bookings',
  ],
} as const;

// --- Hostile values ------------------------------------------------------------------------

/** A string of about `size` characters made of one repeated piece. */
const repeated = (piece: string, size: number) => piece.repeat(Math.max(1, Math.ceil(size / piece.length)));

/** Strings up to ~100 kB: plain, multi-byte, emoji, NUL-laden, SQL. */
export const hugeString = fc
  .tuple(fc.constantFrom(300, 5_000, 100_000), fc.constantFrom('a', 'ก', '🏌️', '\u0000', "' OR '1'='1' -- ", '\\', '%'))
  .map(([size, piece]) => repeated(piece, size));

/** Unicode that breaks naive code: NUL, lone surrogates, RTL override, BOM, zero-width, emoji, Thai, combining marks. */
export const unicodeString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'Bay 1\u0000',
    'a\u0000b',
    '\uD800',
    '\uDFFF',
    'x\uDC00y',
    '\u202Eevil\u202C',
    '\uFEFF',
    '\u200B',
    '\u200D',
    '🏌️‍♂️',
    '👨‍👩‍👧‍👦',
    'ผู้จองสนามกอล์ฟ',
    'e\u0301\u0301\u0301',
    '\u0085\u2028\u2029',
    '\r\n\t\v\f',
    'Ｂａｙ １',
    '٣',
    '\u001b[31mred',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** Text that looks like SQL, templates, paths or markup. */
export const injectionString = fc.constantFrom(
  "' OR '1'='1",
  "'; drop table public.bookings; --",
  "1; select pg_sleep(10); --",
  "') union select null, current_user --",
  '$$; select 1; $$',
  "E'\\x00'",
  '\\',
  '%_%',
  'null',
  'NULL',
  'undefined',
  'true',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  'constructor',
  '__proto__',
);

/** Numbers that are wrong in sign, size or kind (JSON has no NaN: those travel as strings). */
export const hostileNumber = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 0.25, 1.0000001, -1e308, 1e308, 5e-324, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_VALUE, -Number.MAX_SAFE_INTEGER),
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
export const numericString = fc.constantFrom('1', '-1', '0', '1e309', 'NaN', 'Infinity', '-Infinity', '0x10', '1_000', ' 1', '1.5', '٣', '', '9'.repeat(400));

/** Dates and times that are not the calendar dates and HH:mm times the API takes. */
export const badDate = fc.constantFrom(
  '2026-02-30',
  '2026-02-29',
  '9999-99-99',
  '2026-13-01',
  '0000-00-00',
  '1969-12-31',
  '2101-01-01',
  '1900-01-01',
  '2026-1-1',
  '20260101',
  '2026/01/01',
  '01-02-2026',
  '+012026-01-01',
  '-2026-01-01',
  ' 2026-01-01',
  '2026-01-01 ',
  '2026-01-01\u0000',
  '2026-01-01T00:00:00+07:00',
  '2026-01-01T25:61:00Z',
  '2026-06-15T10:00:00.000-24:00',
  '2026-06-15T10:00:00+14:01',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+23:59',
  '9999-12-31T23:59:59.999Z',
  '2026-02-30T10:00:00Z',
  '2026-06-15T24:00:00Z',
  '2026-06-15T10:00:00.123456789Z',
  '2026-06-15T10:00:00-00:00',
  '+275760-09-13T00:00:00.000Z',
  'today',
  'tomorrow',
  '１２３４-０１-０１',
);
export const badTime = fc.constantFrom('24:00', '12:15', '9:00', '09:00:00', '-01:00', '12:00Z', '12:00+07:00', '23:60', '00:00:60', '٠٩:٠٠', '12h00', 'noon');

/** Ids that are not the resource's: junk, nil/max, uppercase or braced UUIDs, random unknown UUIDs, traversal. */
export const hostileId = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    'null',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    '{6f0c1c1a-6a4e-4c3e-9a55-3f7b2d1c0e9a}',
    '6f0c1c1a6a4e4c3e9a553f7b2d1c0e9a',
    '6F0C1C1A-6A4E-4C3E-9A55-3F7B2D1C0E9A ',
    '6f0c1c1a-6a4e-4c3e-9a55-3f7b2d1c0e9a\u0000',
    '6f0c1c1a-6a4e-4c3e-9a55-3f7b2d1c0e9g',
    '../',
    '../../admin',
    '..%2f..%2f',
    '%00',
    '%ZZ',
    "1' or '1'='1",
  ),
  fc.uuid(),
  fc.uuid().map((id) => id.toUpperCase()),
);

/** Prototype keys and deeply nested containers. */
const deepArray = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
const deepObject = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};
export const hostileContainer = fc.oneof(
  fc.constantFrom([], {}, [1, 2], [null], { length: 1 }, { toString: 'x' }, deepArray(2_000), deepObject(2_000)),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as unknown),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'a'), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Any hostile value: the mix every corrupted field draws from. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(null, true, false, 0, -1, 1, ''), weight: 3 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: unicodeString, weight: 3 },
  { arbitrary: injectionString, weight: 2 },
  { arbitrary: hostileNumber, weight: 2 },
  { arbitrary: numericString, weight: 2 },
  { arbitrary: badDate, weight: 2 },
  { arbitrary: badTime, weight: 1 },
  { arbitrary: hostileId, weight: 2 },
  { arbitrary: hostileContainer, weight: 2 },
);

// --- Bodies and queries ------------------------------------------------------------------------

type Fields = Record<string, unknown>;

/**
 * A valid input with one or more fields corrupted: replaced by a hostile value (or a
 * field-specific one from `special`), deleted, or joined by unknown and prototype keys.
 * Corrupting more than the first field makes validation look past it.
 */
export function corrupted(valid: Fields | fc.Arbitrary<Fields>, special: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Fields> {
  if (valid instanceof fc.Arbitrary) return valid.chain((one) => corrupted(one, special));
  const keys = Object.keys(valid);
  const replacement = (key: string) => (special[key] ? fc.oneof(special[key], hostileValue) : hostileValue);
  const edit = fc.oneof(
    { arbitrary: fc.constantFrom(...keys).chain((key) => replacement(key).map((value) => ({ key, value, remove: false }))), weight: 6 },
    { arbitrary: fc.constantFrom(...keys).map((key) => ({ key, value: undefined, remove: true })), weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 'id', 'profile_id', 'status', 'price'), hostileValue).map(([key, value]) => ({ key, value, remove: false })), weight: 1 },
  );
  return fc.array(edit, { minLength: 1, maxLength: Math.min(4, keys.length + 1) }).map((edits) => {
    const result: Fields = { ...valid };
    for (const { key, value, remove } of edits) {
      if (remove) delete result[key];
      else Object.defineProperty(result, key, { value, enumerable: true, configurable: true, writable: true });
    }
    return result;
  });
}

/** Raw bodies that are not the JSON object a route takes: not JSON, truncated, another top-level type, odd encodings. */
export function malformedRawBody(valid: Fields): fc.Arbitrary<string> {
  const text = JSON.stringify(valid);
  return fc.oneof(
    fc.constantFrom(
      'not json',
      '{',
      '{"a":',
      '}{',
      '[]',
      '[{}]',
      '"a string"',
      '123',
      '-1e999',
      'null',
      'true',
      'NaN',
      '\u0000',
      '\uFEFF{}',
      '{"a":1,}',
      "{'single':'quotes'}",
      '{"__proto__":{"polluted":true}}',
      '[' .repeat(50_000),
      `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
      `{"x":"${'y'.repeat(100_000)}"}`,
    ),
    fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((cut) => text.slice(0, cut)),
    fc.constant(text.replace(/"/, "'")),
    fc.constant(`${text}${text}`),
    // Duplicate keys: the last one wins in JSON.parse.
    fc.tuple(fc.constantFrom(...Object.keys(valid)), hostileValue).map(([key, value]) => `${text.slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}}`),
  );
}

/** A body to send: a corrupted object (mostly) or a malformed raw text. */
export function hostileBody(valid: Fields | fc.Arbitrary<Fields>, special: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Fields | string> {
  const raw = valid instanceof fc.Arbitrary ? valid.chain(malformedRawBody) : malformedRawBody(valid);
  return fc.oneof({ arbitrary: corrupted(valid, special), weight: 4 }, { arbitrary: raw, weight: 1 });
}

/** Free slots to book or move to: dates `fromDay`.. days ahead, on the hour, so a valid run rarely meets an earlier one's booking. */
export const freeSlot = (fromDay: number, days: number, venueDate: (day: number) => string) =>
  fc.record({
    date: fc.integer({ min: fromDay, max: fromDay + days - 1 }).map(venueDate),
    startTime: fc.integer({ min: 10, max: 20 }).map((hour) => `${hour}:00`),
  });

/** A query string: the valid parameters with some corrupted, repeated or joined by junk (already encoded). */
export function hostileQuery(valid: Record<string, string>, special: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<string> {
  const junkPair = fc.oneof(
    corrupted(valid, special).map((fields) => queryOf(fields)),
    fc.constantFrom('%', '%ZZ', '&&&', '=', '==', '?', '%00=%00', 'a[b]=1', '__proto__[x]=1', `${Object.keys(valid)[0] ?? 'q'}[]=1`),
    fc.tuple(fc.constantFrom(...Object.keys(valid), 'x'), hostileValue).map(([key, value]) => `${percentEncoded(key)}=${percentEncoded(queryText(value))}`),
  );
  return fc.array(junkPair, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('&'));
}

const queryText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
const queryOf = (fields: Fields) =>
  Object.entries(fields)
    .map(([key, value]) => `${percentEncoded(key)}=${percentEncoded(queryText(value))}`)
    .join('&');

/** Percent-encodes like encodeURIComponent, but a lone surrogate becomes the invalid UTF-8 a raw client could send. */
export function percentEncoded(text: string): string {
  let result = '';
  for (const char of text) result += /^[\uD800-\uDFFF]$/.test(char) ? '%ED%A0%80' : encodeURIComponent(char);
  return result;
}

/** A path segment for an id: junk, encoded junk, unknown UUIDs, and the given other people's ids. */
export function hostilePathId(othersIds: string[] = []): fc.Arbitrary<string> {
  return othersIds.length ? fc.oneof({ arbitrary: fc.constantFrom(...othersIds), weight: 1 }, { arbitrary: hostileId, weight: 3 }) : hostileId;
}

// --- Headers -------------------------------------------------------------------------------------

/** Header values must be Latin-1 without CR, LF or NUL (a real client cannot send others either). */
const headerText = fc.string({ unit: fc.constantFrom(...' !"#$%&\'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\t\u0080\u00a0\u00ff'.split('')), maxLength: 80 });
const hugeHeader = fc.constantFrom(8_000, 64_000).map((size) => repeated('A', size));

/** `Authorization` values that carry no valid credential. */
export const hostileAuthorization = fc.oneof(
  fc.constantFrom('', 'Bearer', 'Bearer ', 'Bearer  ', 'bearer x', 'Basic dXNlcjpwYXNz', 'Bearer null', 'Bearer undefined', 'Token abc', 'Bearer a.b.c', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'Bearer ' + '.'.repeat(100)),
  headerText.map((text) => `Bearer ${text}`),
  hugeHeader.map((text) => `Bearer ${text}`),
);

/** Session tokens no server issued: signed with another secret, or not JWTs at all. */
export async function forgedSessionTokens(profileId: string): Promise<string[]> {
  return [
    await encode({ token: { sub: profileId }, secret: 'not-the-server-secret-0123456789abcdef', maxAge: 3600 }),
    await encode({ token: { sub: profileId }, secret: process.env.NEXTAUTH_SECRET ?? '', maxAge: -10 }),
    'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC',
    'garbage',
  ];
}

/** Cookie headers with forged or malformed NextAuth session cookies. */
export function hostileCookie(forged: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...forged).map((token) => `next-auth.session-token=${token}`),
    fc.constantFrom(...forged).map((token) => `__Secure-next-auth.session-token=${token}`),
    fc.constantFrom('next-auth.session-token=', 'next-auth.session-token', ';;;', '=x', 'next-auth.session-token=%E0%A4%A', 'next-auth.session-token.0=abc; next-auth.session-token.1=def'),
    headerText.map((text) => `next-auth.session-token=${text}`),
  );
}

/** X-Forwarded-For values a client might forge (the route picks the trusted hop). */
export const hostileForwardedFor = fc.oneof(
  fc.constantFrom('', ' ', ',', ',,,', 'unknown', '::1', '999.999.999.999', '127.0.0.1, ', "1.1.1.1' OR 1=1 --"),
  headerText,
  hugeHeader,
);

/** Headers other than credentials that routes read. */
export const hostileMiscHeaders = fc.record(
  {
    'Idempotency-Key': fc.oneof(headerText, hugeHeader, fc.constantFrom('', ' ', 'a b', '\t')),
    'X-Staff-Pin': fc.oneof(headerText, hugeHeader),
    'X-VIP-Session': fc.oneof(headerText, fc.constantFrom('demo_1', 'demo_-1', 'demo_99999999999999999999', '0'.repeat(64))),
    'If-None-Match': fc.oneof(headerText, fc.constantFrom('*', 'W/"x"', '"')),
    'Content-Type': fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16'),
    'Accept-Language': headerText,
  },
  { requiredKeys: [] },
);

// --- The database fingerprint ----------------------------------------------------------------------

/**
 * Tables whose content legitimately changes on a refused request:
 * - app_private.rate_limit_windows: every request counts against its limit, refused or not.
 */
export const FINGERPRINT_EXCLUDED = ['app_private.rate_limit_windows'];

let fingerprintQuery: string | undefined;

/** One hash per app table (schemas public and app_private, but FINGERPRINT_EXCLUDED), in one statement. */
export async function databaseFingerprint(): Promise<Record<string, string>> {
  if (!fingerprintQuery) {
    const tables = await sql<{ name: string }>(
      `select quote_ident(table_schema) || '.' || quote_ident(table_name) as name
       from information_schema.tables
       where table_schema in ('public', 'app_private') and table_type = 'BASE TABLE'
       order by 1`,
    );
    const names = tables.map((table) => table.name).filter((name) => !FINGERPRINT_EXCLUDED.includes(name));
    if (names.length < 10) throw new Error(`Fingerprint found only ${names.length} tables`);
    fingerprintQuery = names
      // The sum of 64-bit row hashes: independent of row order, so no sort, and any changed row changes it.
      .map((name) => `select '${name}' as t, count(*) as n, coalesce(sum(hashtextextended(x::text, 0)), 0)::text as h from ${name} x`)
      .join('\nunion all\n');
  }
  // A prepared statement on a connection of its own: planning the 25-way union costs more than running it.
  if (!fingerprintClient) {
    fingerprintClient = new pg.Client({ connectionString: process.env.DATABASE_URL });
    fingerprintClient.on('error', () => undefined);
    await fingerprintClient.connect();
  }
  const { rows } = await fingerprintClient.query<{ t: string; n: string; h: string }>({ name: 'database_fingerprint', text: fingerprintQuery });
  return Object.fromEntries(rows.map((row) => [row.t, `${row.n}:${row.h}`]));
}

let fingerprintClient: pg.Client | undefined;
afterAll(async () => {
  await fingerprintClient?.end();
  fingerprintClient = undefined;
});

/** Waits until the database stops changing (jobs a successful request left running finish). */
async function settledFingerprint(): Promise<Record<string, string>> {
  let previous = await databaseFingerprint();
  for (let attempt = 0; attempt < 100; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const current = await databaseFingerprint();
    if (JSON.stringify(current) === JSON.stringify(previous)) return current;
    previous = current;
  }
  return previous;
}

// --- Checking answers ----------------------------------------------------------------------------------

/** Which bodies a route's refusals may have: the API's envelope, or the VIP session routes' spec bodies. */
export type RefusalShape = 'envelope' | 'vipSession' | 'any';

const stackOrSql = /\n\s+at |node_modules|\.tsx?:\d+|SQLSTATE|syntax error at|violates .* constraint|relation "|column "|invalid input syntax|TypeError|ReferenceError/;

/** Checks one answer: never 5xx; a 4xx in the route's documented body, without internals. Returns the status and error code. */
export async function expectCleanAnswer(response: Response, path: string, shape: RefusalShape): Promise<{ status: number; code?: string }> {
  const text = await response.text();
  const status = response.status;
  const context = `${status} ${text.slice(0, 400)}`;
  expect(status, context).toBeLessThan(500);
  expect(text, context).not.toMatch(stackOrSql);
  if (status < 400 || shape === 'any') return { status };
  const body = JSON.parse(text) as Record<string, unknown>;
  if (shape === 'vipSession' && status === 422) {
    expect(Object.keys(body).sort(), context).toEqual(['errors', 'message']);
    expect(body.message, context).toBe('The given data was invalid.');
    for (const messages of Object.values(body.errors as Record<string, unknown>)) {
      expect(Array.isArray(messages) && messages.length > 0 && messages.every((message) => typeof message === 'string'), context).toBe(true);
    }
    return { status };
  }
  if (shape === 'vipSession' && status === 401) {
    expect(body, context).toEqual({ success: false, data: { valid: false, message: 'Invalid or expired session token' } });
    return { status };
  }
  expectEnvelope(body, status, path, context);
  return { status, code: body.code as string };
}

/** The spec's error envelope `{ error, code, details?, timestamp, path }`, with the code's own status. */
export function expectEnvelope(body: Record<string, unknown>, status: number, path: string, context = ''): void {
  expect(Object.keys(body).every((key) => ['error', 'code', 'details', 'timestamp', 'path'].includes(key)), context).toBe(true);
  expect(typeof body.error === 'string' && body.error.length > 0, context).toBe(true);
  expect(Object.keys(errorCodes), context).toContain(body.code);
  expect(errorCodes[body.code as keyof typeof errorCodes].status, context).toBe(status);
  expect(typeof body.timestamp === 'string' && !Number.isNaN(Date.parse(body.timestamp)), context).toBe(true);
  expect(body.path, context).toBe(path);
  if (body.code === 'RATE_LIMIT_EXCEEDED') {
    // The spec's 429 example: details { limit, remaining: 0, resetTime }.
    const details = body.details as { limit?: unknown; remaining?: unknown; resetTime?: unknown } | undefined;
    const specShape = typeof details?.limit === 'number' && details.remaining === 0 && typeof details.resetTime === 'string' && !Number.isNaN(Date.parse(details.resetTime));
    expect(specShape, context).toBe(true);
  }
  if (body.code === 'VALIDATION_ERROR') {
    // Validation errors name each bad field (the README's promise); a bare one means the database refused what zod let through.
    const fields = (body.details as { fields?: Record<string, unknown> } | undefined)?.fields;
    expect(fields && Object.keys(fields).length > 0 && Object.values(fields).every((message) => typeof message === 'string'), context).toBe(true);
  }
}

// --- The property runner ----------------------------------------------------------------------------

export interface FuzzRequest {
  method: string;
  /** Path and query, e.g. `/api/availability?date=x`. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  ip?: string;
  params?: Record<string, string>;
}

type RouteHandler = (request: Request, context?: { params?: Record<string, string> }) => Promise<Response> | Response;

export interface FuzzTarget<T> {
  /** `METHOD /path` as in the contracts list. */
  route: string;
  handler: RouteHandler;
  input: fc.Arbitrary<T>;
  request: (input: T) => FuzzRequest;
  runs: number;
  shape?: RefusalShape;
  /** Called before each run, e.g. to clear a member's rate-limit counters (not part of the fingerprint). */
  beforeEach?: () => Promise<void>;
  /**
   * Tables a refusal with this error code may change on purpose (e.g. a wrong link code
   * counts the try); every other table must stay as it was.
   */
  refusalWrites?: Partial<Record<string, string[]>>;
}

export interface FuzzOutcome {
  runs: number;
  refused: number;
  statuses: Record<number, number>;
}

const seedOf = (route: string) => {
  let hash = fuzzSeed | 0;
  for (const char of route) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
};

/** A request's headers with X-Forwarded-For from `ip` (a random address unless given). */
function buildRequest(request: FuzzRequest): Request {
  const headers = new Headers(request.headers);
  headers.set('x-forwarded-for', request.ip ?? `10.${rand(256)}.${rand(256)}.${1 + rand(254)}`);
  let body: string | undefined;
  if (request.body !== undefined) {
    body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return new Request(new URL(request.url, 'http://localhost:3000'), { method: request.method, headers, body });
}
const rand = (n: number) => Math.floor(Math.random() * n);

/**
 * Sends `runs` generated requests to the route. Every answer is below 500 and free of
 * internals; a refusal (4xx) has the route's documented body and leaves every app table
 * as it was. A success (2xx/3xx) makes its state the new baseline.
 */
export async function fuzzRoute<T>(target: FuzzTarget<T>): Promise<FuzzOutcome> {
  const outcome: FuzzOutcome = { runs: 0, refused: 0, statuses: {} };
  let baseline = await settledFingerprint();
  await fc.assert(
    fc.asyncProperty(target.input, async (input) => {
      await target.beforeEach?.();
      const spec = target.request(input);
      const request = buildRequest(spec);
      const path = new URL(request.url).pathname;
      const response = await target.handler(request, { params: spec.params });
      const { status, code } = await expectCleanAnswer(response, path, target.shape ?? 'envelope');
      outcome.runs++;
      outcome.statuses[status] = (outcome.statuses[status] ?? 0) + 1;
      if (status >= 400) {
        outcome.refused++;
        const after = await databaseFingerprint();
        const mayChange = (code && target.refusalWrites?.[code]) || [];
        const unchanged = (fingerprint: Record<string, string>) => Object.fromEntries(Object.entries(fingerprint).filter(([table]) => !mayChange.includes(table)));
        expect(unchanged(after), `${status} ${code ?? ''} changed the database`).toEqual(unchanged(baseline));
        baseline = after;
      } else {
        // A success that wrote nothing needs no settling; one that wrote may have left jobs running.
        const after = await databaseFingerprint();
        if (JSON.stringify(after) !== JSON.stringify(baseline)) baseline = await settledFingerprint();
      }
    }),
    { numRuns: runsFor(target.runs), seed: seedOf(target.route), endOnFailure: true },
  );
  if (process.env.FUZZ_DEBUG) console.log(target.route, JSON.stringify(outcome.statuses));
  return outcome;
}

// --- Request parts -----------------------------------------------------------------------------------

/**
 * Headers of a run: one of the `valid` credential sets (so the body is what is attacked),
 * or a hostile Authorization or forged session cookie, plus other hostile headers.
 */
export function hostileHeaders(valid: Array<Record<string, string>>, forged: string[]): fc.Arbitrary<Record<string, string>> {
  const credentials = fc.oneof(
    { arbitrary: valid.length ? fc.constantFrom(...valid) : fc.constant({}), weight: 5 },
    { arbitrary: hostileAuthorization.map((value) => ({ Authorization: value })), weight: 1 },
    { arbitrary: hostileCookie(forged).map((value) => ({ Cookie: value })), weight: 1 },
  );
  return fc.tuple(credentials, fc.option(hostileMiscHeaders, { freq: 2 })).map(([credential, misc]) => ({ ...(misc ?? {}), ...credential }));
}

/** The client address of a run: mostly a fresh random one, sometimes a forged X-Forwarded-For. */
export const hostileIp: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 5 },
  { arbitrary: hostileForwardedFor, weight: 1 },
);

/** How long one route's fuzzing may take on a loaded 2-core machine. */
export const FUZZ_TIMEOUT = 120_000;

/**
 * The tests of one area: that the file has a target for each of its routes, and one test per
 * route running fuzzRoute. `refusedShare(route)` is the least share of runs that must be
 * refused, so generators stay hostile (undefined: routes without input of their own).
 */
export function fuzzEveryRouteOf(
  area: keyof typeof fuzzAreas,
  targets: () => Record<string, FuzzTarget<never>>,
  refusedShare: (route: string) => number | undefined,
): void {
  it('this file has a target for every route of its area', () => {
    expect(Object.keys(targets()).sort()).toEqual([...fuzzAreas[area]].sort());
  });
  for (const route of fuzzAreas[area]) {
    it(route, async () => {
      const outcome = await fuzzRoute(targets()[route]!);
      const share = refusedShare(route);
      if (share !== undefined) expect(outcome.refused / outcome.runs, JSON.stringify(outcome.statuses)).toBeGreaterThan(share);
    }, FUZZ_TIMEOUT);
  }
}
