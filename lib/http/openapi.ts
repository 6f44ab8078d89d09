import { z } from 'zod';
import type { RouteContract } from './contract';
import { errorCodes, type ErrorCode } from './errors';


const ErrorEnvelope = z.object({
  error: z.string().describe('Human-readable message'),
  code: z.enum(Object.keys(errorCodes) as [string, ...string[]]).describe('Stable error code'),
  details: z.unknown().optional().describe('More about the error, e.g. `fields` for validation errors'),
  timestamp: z.string().describe('ISO timestamp'),
  path: z.string().describe('Request path'),
});

type JsonSchema = Record<string, unknown>;

/** Text PostgreSQL cannot store (lib/http/storable-text.ts), as far as JSON Schema can say it: no NUL. */
const NO_NUL = '^[^\\u0000]*$';

/** Any JSON value whose strings and keys hold no NUL, for request fields that take any value. */
const StorableJson = {
  anyOf: [
    { type: ['null', 'boolean', 'number'] },
    { type: 'string', pattern: NO_NUL },
    { type: 'array', items: { $ref: '#/components/schemas/StorableJson' } },
    { type: 'object', propertyNames: { pattern: NO_NUL }, additionalProperties: { $ref: '#/components/schemas/StorableJson' } },
  ],
};

/** Adds a pattern to a schema that may have one already (JSON Schema allows one per object; more go in allOf). */
function addPattern(json: JsonSchema, pattern: string): void {
  const allOf = (json.allOf ?? []) as JsonSchema[];
  if (json.pattern === pattern || allOf.some((part) => part.pattern === pattern)) return;
  if (json.pattern === undefined && json.allOf === undefined) json.pattern = pattern;
  else json.allOf = [...allOf, { pattern }];
}

/**
 * The rules of request strings that zod's JSON Schema leaves out, added where every request
 * schema passes (one place, not per field): `.trim()` before `.min(n)` counts what is left
 * after trimming, so white space alone is refused (a pattern says "n characters from the
 * first to the last non-space one"); and the route wrapper refuses NUL in any free text.
 * Zod keeps the checks of a string in order in its def (`overwrite` for trim, `min_length`).
 */
/** The parts of a zod schema's def read here. */
interface StringDef {
  type?: string;
  format?: string;
  checks?: Array<{ _zod: { def: { check: string; tx?: (value: string) => string; minimum?: number } } }>;
}

function requestStringRules({ zodSchema, jsonSchema: json }: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const def = (zodSchema as { _zod?: { def?: StringDef } })._zod?.def;
  // Any value at all (e.g. the extra fields an email template keeps) still may not hold NUL.
  if (def?.type === 'unknown' || def?.type === 'any') json.$ref = '#/components/schemas/StorableJson';
  if (def?.type === 'object' && json.additionalProperties !== undefined && json.additionalProperties !== false) json.propertyNames = { pattern: NO_NUL };
  if (def?.type !== 'string' || json.type !== 'string') return;
  // Formats and the patterns of ids, codes and dates leave no room for NUL already. (Zod calls
  // this once per link of a chain such as .trim().min(1): decide from the zod checks, not the JSON.)
  if (def.format === undefined && !(def.checks ?? []).some(({ _zod: check }) => check.def.check === 'string_format')) addPattern(json, NO_NUL);
  let trimmed = false;
  for (const { _zod: check } of def.checks ?? []) {
    // Trimming is told by what it does: zod stores it as an anonymous overwrite.
    if (check.def.check === 'overwrite' && check.def.tx?.(' x ') === 'x') trimmed = true;
    if (check.def.check === 'min_length' && trimmed && (check.def.minimum ?? 0) > 0) {
      const least = check.def.minimum!;
      addPattern(json, least === 1 ? '\\S' : `\\S[\\s\\S]{${least - 2},}\\S`);
    }
  }
}

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12', ...(io === 'input' ? { override: requestStringRules } : {}) }) as JsonSchema;

/** A schema inside the document: the `$schema` keyword belongs to a document's root only. */
const innerSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _root, ...rest } = jsonSchema(schema, io);
  return rest;
};

/**
 * Which credential each contract's `auth` needs, as OpenAPI security requirements (any one
 * of the list). Role names in a non-OAuth requirement are OpenAPI 3.1's way to say that the
 * session's verified email must belong to an active staff account with that role (`staff`: staff or admin). `required` is the name `member`
 * had before; it means the same.
 */
type SecurityRequirement = Record<string, string[]>;
const memberSession: SecurityRequirement[] = [{ sessionCookie: [] }, { bearerAuth: [] }];
const securityOf: Record<string, SecurityRequirement[] | undefined> = {
  none: undefined,
  optional: [...memberSession, {}],
  member: memberSession,
  required: memberSession,
  line: [{ lineIdToken: [] }],
  staff: [{ sessionCookie: ['staff'] }, { bearerAuth: ['staff'] }],
  admin: [{ sessionCookie: ['admin'] }, { bearerAuth: ['admin'] }, { adminApiKey: [] }],
  system: [{ systemSecret: [] }],
  cron: [{ cronSecret: [] }],
};

/** Answers of the route wrapper itself (lib/http/route.ts) that a contract does not list. */
const codesIn = (codes: string[]) => codes.filter((code): code is ErrorCode => code in errorCodes);
const wrapperCodes = {
  /** Any write: a cross-site Origin or Sec-Fetch-Site (lib/http/same-origin.ts). */
  write: codesIn(['CROSS_SITE_REQUEST']),
  /** A route that reads a JSON body: not JSON, too large, too slow (lib/http/request-body.ts). */
  body: codesIn(['UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE', 'REQUEST_TIMEOUT']),
};

/** The error codes an operation can answer, grouped by status (several codes share one status). */
function errorResponses(contract: RouteContract): Record<string, unknown> {
  const codes = new Set<ErrorCode>(contract.errors);
  // Every route that needs a credential can refuse with 401; a failed secret check is throttled (429).
  if (['member', 'required', 'line', 'staff', 'admin', 'system', 'cron'].includes(contract.auth)) codes.add('AUTH_REQUIRED');
  if (['admin', 'system', 'cron'].includes(contract.auth)) codes.add('RATE_LIMIT_EXCEEDED');
  if (contract.query || contract.body || contract.params || contract.headers) codes.add('VALIDATION_ERROR');
  if (contract.method !== 'GET') wrapperCodes.write.forEach((code) => codes.add(code));
  if (contract.body || contract.ownBody) wrapperCodes.body.forEach((code) => codes.add(code));
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(errorCodes[code].status, [...(byStatus.get(errorCodes[code].status) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.map((code) => `${code}: ${errorCodes[code].message}`).join('; '),
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document of the API, generated from its route contracts (lib/api/contracts.ts). */
export function openApiDocument(contracts: readonly RouteContract[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const contract of contracts) {
    const responses: Record<string, unknown> = {
      [String(contract.successStatus ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: innerSchema(contract.response, 'output') } },
      },
      ...(contract.cache ? { 304: { description: 'Not modified: If-None-Match named the current ETag' } } : {}),
      ...errorResponses(contract),
    };
    for (const [status, { description, schema }] of Object.entries(contract.otherResponses ?? {})) {
      responses[status] = { description, content: { 'application/json': { schema: innerSchema(schema, 'output') } } };
    }
    const requestBody = contract.body ?? contract.ownBody;
    const parameter = (place: 'query' | 'path' | 'header') => ([name, schema]: [string, z.ZodType]) => ({
      name,
      in: place,
      required: place === 'path' || !schema.safeParse(undefined).success,
      schema: innerSchema(schema, 'input'),
    });
    const parameters = [
      ...Object.entries((contract.params?.shape ?? {}) as Record<string, z.ZodType>).map(parameter('path')),
      ...Object.entries((contract.query?.shape ?? {}) as Record<string, z.ZodType>).map(parameter('query')),
      ...Object.entries((contract.headers?.shape ?? {}) as Record<string, z.ZodType>).map(parameter('header')),
    ];
    const security = securityOf[contract.auth];
    paths[contract.path] ??= {};
    paths[contract.path]![contract.method.toLowerCase()] = {
      summary: contract.summary,
      tags: [contract.tag],
      ...(security ? { security } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(requestBody
        ? { requestBody: { required: true, content: { 'application/json': { schema: innerSchema(requestBody, 'input') } } } }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Golf bay booking API', version: '1.0.0' },
    paths,
    components: {
      schemas: { ErrorEnvelope: innerSchema(ErrorEnvelope, 'output'), StorableJson },
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'next-auth.session-token',
          description: 'The NextAuth session cookie of a signed-in member (`__Secure-next-auth.session-token` over HTTPS)',
        },
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'The NextAuth session token (the session cookie\'s value) as `Authorization: Bearer`' },
        lineIdToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A LINE ID token (LIFF `getIDToken()`), verified against the LIFF channel' },
        adminApiKey: { type: 'http', scheme: 'bearer', description: 'ADMIN_API_KEY, for staff tooling without an admin session' },
        systemSecret: { type: 'http', scheme: 'bearer', description: 'SYSTEM_API_KEY' },
        cronSecret: { type: 'http', scheme: 'bearer', description: 'CRON_SECRET' },
      },
    },
  };
}
