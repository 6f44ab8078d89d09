import { createHash } from 'node:crypto';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as openApiRoute } from '@/app/api/openapi.json/route';
import { issueSessionToken } from '@/lib/auth/session-token';
import { contracts } from '@/lib/api/contracts';
import { createProfile, randomSuffix, venueDate } from '../support/factories';
import { call, randomIp } from '../support/http';
import { resolverFor, schemaErrors, valueArbitrary, type Resolve, type Schema } from '../support/json-schema';
import { lineToken, lineUserIdOf, TEST_CHANNEL_ID, TEST_CHANNEL_SECRET } from '../support/lucky-draw';
import { createStaffMember } from '../support/staff';

/**
 * The OpenAPI document against the running route handlers, as a contract-driven fuzzer
 * (Schemathesis) tests it: requests built from nothing but the document's own schemas for
 * each operation's path and query parameters and body, sent with the credential the
 * operation declares, are never refused as invalid (400 VALIDATION_ERROR, 422); every
 * answer's status is documented and its body fits the documented schema; and every
 * operation that needs a credential says which.
 */

interface Operation {
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; required: boolean; schema: Schema }>;
  requestBody?: { content: { 'application/json': { schema: Schema } } };
  responses: Record<string, { content?: { 'application/json': { schema: Schema } } }>;
  security?: Array<Record<string, string[]>>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
}

type Handler = (request: Request, context?: { params?: Record<string, string> }) => Promise<Response>;

/** Requests per operation (CONFORMANCE_RUNS, default 8: 36 operations, a few hundred requests in all). */
const RUNS = Number(process.env.CONFORMANCE_RUNS || 8);

const secrets = {
  CRON_SECRET: `cron-${randomSuffix()}-${randomSuffix()}`,
  SYSTEM_API_KEY: `system-${randomSuffix()}-${randomSuffix()}`,
  ADMIN_API_KEY: `admin-${randomSuffix()}-${randomSuffix()}`,
  LINE_LIFF_CHANNEL_ID: TEST_CHANNEL_ID,
  LINE_LIFF_CHANNEL_SECRET: TEST_CHANNEL_SECRET,
  // Each request comes from its own random address (X-Forwarded-For), so no per-client limit is reached.
  TRUSTED_PROXY_HOPS: '1',
};
const saved = { ...process.env };

let document: OpenApiDocument;
let resolve: Resolve;

beforeAll(async () => {
  Object.assign(process.env, secrets);
  const response = await openApiRoute();
  document = (await response.json()) as OpenApiDocument;
  resolve = resolverFor(document);
});

afterAll(() => {
  for (const name of Object.keys(secrets)) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

/** A fresh caller for one request (rate limits count per member and per LINE user), per security scheme and role. */
async function credentialFor(requirement: Record<string, string[]>): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const [scheme, roles] of Object.entries(requirement)) {
    switch (scheme) {
      case 'sessionCookie':
      case 'bearerAuth': {
        // A role (staff, admin) is an active staff account of that role and a verified session of its email.
        const token = roles.length ? (await createStaffMember(roles[0] as 'staff' | 'admin')).token : await issueSessionToken(await createProfile());
        if (scheme === 'sessionCookie') headers.Cookie = `next-auth.session-token=${token}`;
        else headers.Authorization = `Bearer ${token}`;
        break;
      }
      case 'lineIdToken':
        headers.Authorization = `Bearer ${await lineToken(lineUserIdOf())}`;
        break;
      case 'adminApiKey':
        headers.Authorization = `Bearer ${secrets.ADMIN_API_KEY}`;
        break;
      case 'systemSecret':
        headers.Authorization = `Bearer ${secrets.SYSTEM_API_KEY}`;
        break;
      case 'cronSecret':
        headers.Authorization = `Bearer ${secrets.CRON_SECRET}`;
        break;
      default:
        throw new Error(`No test credential for security scheme ${scheme}`);
    }
  }
  return headers;
}

/**
 * Refusals no document can rule out, because they depend on data and the clock: bays are
 * rows (an unknown bay name), opening hours and prices are rows, and a date may be past.
 * The document's schemas allow these values; the answer is a field error about the venue.
 */
const stateRefusals: Record<string, RegExp> = {
  bay: /^Unknown bay: /,
  startTime: /^(Requested time is in the past|Outside opening hours|Start time must be in the future|The venue is not open for the whole booking|No price is set for this time|.+ takes at most \d+ people)$/,
  numberOfPeople: /^(.+ takes at most \d+ people|No bay takes that many people)$/,
};

/**
 * Narrower values, each one the document allows (checked below), used for half the requests
 * so that some also get past the venue's data: dates soon, bays that exist, bookings that
 * fit the opening hours and any bay.
 */
const hints: Record<string, fc.Arbitrary<unknown>> = {
  date: fc.integer({ min: 1, max: 40 }).map(venueDate),
  bay: fc.constantFrom('Bay 1', 'Bay 2', 'bay 3', 'AI Lab'),
  startTime: fc.integer({ min: 10, max: 20 }).chain((hour) => fc.constantFrom(`${hour}:00`, `${hour}:30`)),
  duration: fc.constantFrom(1, 1.5, 2),
  numberOfPeople: fc.constantFrom(1, 2),
  // Left out (it is optional): a random package id is never the member's.
  packageId: fc.constant(undefined),
};

/** The operation's path, query or header parameters as one object schema, so one arbitrary makes them all. */
function parametersSchema(operation: Operation, place: 'path' | 'query' | 'header'): Schema {
  const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === place);
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
    required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    additionalProperties: false,
  };
}

function hinted(schema: Schema, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const result = { ...(value as Record<string, unknown>) };
  for (const [name, hint] of Object.entries(hints)) {
    if (!(name in properties) || !(name in result)) continue;
    const [candidate] = fc.sample(hint, 1);
    if (candidate === undefined) {
      if (!((schema.required ?? []) as string[]).includes(name)) delete result[name];
      // Only a value the document itself allows.
    } else if (schemaErrors(properties[name]!, candidate, resolve).length === 0) result[name] = candidate;
  }
  return result;
}

/** The codes of a 401 that asks for a credential. */
const credentialRefusals = ['AUTH_REQUIRED', 'LINE_TOKEN_INVALID'];

const seedOf = (key: string) => createHash('sha256').update(key).digest().readInt32LE(0);

async function handlerOf(route: string, method: string): Promise<Handler> {
  const file = path.resolve(__dirname, '../../app', `.${route.replace(/\{(\w+)\}/g, '[$1]')}`, 'route.ts');
  const handler = ((await import(file)) as Record<string, Handler>)[method.toUpperCase()];
  if (!handler) throw new Error(`${file} exports no ${method.toUpperCase()}`);
  return handler;
}

interface Sent {
  url: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

function requestsFor(route: string, method: string, operation: Operation, runs: number): Sent[] {
  const key = `${method.toUpperCase()} ${route}`;
  const bodySchema = operation.requestBody?.content['application/json'].schema;
  const request = fc.record({
    params: valueArbitrary(parametersSchema(operation, 'path'), resolve),
    query: valueArbitrary(parametersSchema(operation, 'query'), resolve),
    headers: valueArbitrary(parametersSchema(operation, 'header'), resolve),
    body: bodySchema ? valueArbitrary(bodySchema, resolve) : fc.constant(undefined),
  });
  return fc.sample(request, { numRuns: runs, seed: seedOf(key) }).map(({ params, query, headers, body }, index) => {
    const pathParams = params as Record<string, string>;
    const search = new URLSearchParams(query as Record<string, string>).toString();
    const url = route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name]!)) + (search ? `?${search}` : '');
    return { url, params: pathParams, headers: headers as Record<string, string>, body: bodySchema && index % 2 === 1 ? hinted(bodySchema, body) : body };
  });
}

const operations = () =>
  Object.entries(document.paths).flatMap(([route, methods]) => Object.entries(methods).map(([method, operation]) => ({ route, method, operation })));

/** Why an answer is a refusal of the input itself (a validation error), or null when it is not. */
function validationRefusal(status: number, body: unknown): string | null {
  const envelope = body as { code?: string; details?: { fields?: Record<string, string> } };
  // A reused Idempotency-Key with another body is a conflict with an earlier request, not bad input.
  if (status === 422) return envelope.code === 'IDEMPOTENCY_KEY_REUSED' ? null : `422 ${JSON.stringify(body)}`;
  if (status !== 400) return null;
  if (envelope.code !== 'VALIDATION_ERROR') return null;
  const fields = Object.entries(envelope.details?.fields ?? {});
  const onlyState = fields.length > 0 && fields.every(([field, message]) => stateRefusals[field]?.test(message));
  return onlyState ? null : `400 ${JSON.stringify(body)}`;
}

describe('the OpenAPI document and the validators', () => {
  it('covers every contract once, and every operation with a credential declares its security', () => {
    const listed = operations().map(({ route, method }) => `${method.toUpperCase()} ${route}`).sort();
    expect(listed).toEqual(contracts.map((contract) => `${contract.method} ${contract.path}`).sort());
    for (const contract of contracts) {
      const { security } = document.paths[contract.path]![contract.method.toLowerCase()]!;
      const key = `${contract.method} ${contract.path} (auth ${contract.auth})`;
      if (contract.auth === 'none') {
        expect(security, key).toBeUndefined();
        continue;
      }
      expect(security?.length, key).toBeGreaterThan(0);
      // Only 'optional' lets a caller without credentials in.
      expect(security!.some((requirement) => Object.keys(requirement).length === 0), key).toBe(contract.auth === 'optional');
      for (const scheme of security!.flatMap(Object.keys)) expect(document.components.securitySchemes, key).toHaveProperty(scheme);
    }
  });

  it('answers 401 without a credential exactly where the document declares one', async () => {
    for (const { route, method, operation } of operations()) {
      const key = `${method.toUpperCase()} ${route}`;
      const handler = await handlerOf(route, method);
      const [sent] = requestsFor(route, method, operation, 1);
      const response = await call(handler, method.toUpperCase(), sent!.url, { headers: sent!.headers, params: sent!.params, body: sent!.body, ip: randomIp() });
      const { code } = (await response.json()) as { code?: string };
      const needsCredential = operation.security !== undefined && !operation.security.some((requirement) => Object.keys(requirement).length === 0);
      if (needsCredential) expect(response.status, key).toBe(401);
      // A public route's own 401 (an invalid VIP session token in the body) is not a credential refusal.
      else if (!operation.security) expect(response.status === 401 && credentialRefusals.includes(code ?? ''), `${key}: ${response.status} ${code}`).toBe(false);
    }
  }, 120_000);

  it('the hints are values the document allows', () => {
    // They are only used where they pass; make sure each passes somewhere, or it is dead.
    const used = new Set<string>();
    for (const { operation } of operations()) {
      const schema = operation.requestBody?.content['application/json'].schema ?? {};
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const [name, hint] of Object.entries(hints)) {
        const allowed = (value: unknown) => (value === undefined ? !((schema.required ?? []) as string[]).includes(name) : schemaErrors(properties[name]!, value, resolve).length === 0);
        if (properties[name] && fc.sample(hint, 20).every(allowed)) used.add(name);
      }
    }
    expect([...used].sort()).toEqual(Object.keys(hints).sort());
  });
});

describe('requests generated from the document are accepted', () => {
  // One test per operation, named like the document's operations.
  const keys = contracts.map((contract) => [contract.path, contract.method.toLowerCase()] as const);
  it.each(keys)('%s %s', async (route, method) => {
    const operation = document.paths[route]![method]!;
    const handler = await handlerOf(route, method);
    const alternatives = operation.security ?? [{}];
    const sent = requestsFor(route, method, operation, RUNS);
    const statuses: Record<number, number> = {};
    for (const [index, request] of sent.entries()) {
      // Take turns through the declared credentials, so each is used.
      const headers = { ...request.headers, ...(await credentialFor(alternatives[index % alternatives.length]!)) };
      const response = await call(handler, method.toUpperCase(), request.url, { headers, params: request.params, body: request.body, ip: randomIp() });
      const text = await response.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      const what = `${method.toUpperCase()} ${request.url} ${JSON.stringify(request.body)} with ${Object.keys(headers).join(', ') || 'no credential'}: ${response.status} ${text.slice(0, 600)}`;
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;

      expect(validationRefusal(response.status, body), what).toBeNull();
      expect(response.status, what).toBeLessThan(500);
      const documented = operation.responses[String(response.status)];
      expect(documented, `undocumented status: ${what}`).toBeDefined();
      const schema = documented!.content?.['application/json'].schema;
      if (schema && response.status !== 304) expect(schemaErrors(schema, body, resolve), what).toEqual([]);
    }
    expect(Object.values(statuses).reduce((a, b) => a + b, 0)).toBe(RUNS);
  }, 120_000);
});
