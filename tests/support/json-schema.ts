import fc from 'fast-check';

/**
 * The JSON Schema (draft 2020-12) that the OpenAPI document uses, read two ways for contract
 * tests: `schemaErrors` says where a value breaks a schema, and `arbitraryOf` makes
 * fast-check values that the schema allows, from nothing but the schema (what a client or a
 * fuzzer such as Schemathesis would send). Only the keywords zod's JSON Schema output and
 * lib/http/openapi.ts emit are known; an unknown keyword fails loudly instead of being ignored.
 */

export type Schema = Record<string, unknown>;

/** Resolves `#/...` references against a root document (the OpenAPI document). */
export type Resolve = (ref: string) => Schema;

export const resolverFor =
  (root: unknown): Resolve =>
  (ref) => {
    if (!ref.startsWith('#/')) throw new Error(`Only local references are supported: ${ref}`);
    let node = root as Record<string, unknown>;
    for (const part of ref.slice(2).split('/')) node = node[part.replace(/~1/g, '/').replace(/~0/g, '~')] as Record<string, unknown>;
    if (!node) throw new Error(`Unresolved reference ${ref}`);
    return node;
  };

const KNOWN = new Set([
  '$schema', '$ref', 'description', 'title', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly',
  'type', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'properties', 'required', 'additionalProperties', 'propertyNames', 'minProperties', 'maxProperties',
  'items', 'prefixItems', 'minItems', 'maxItems',
  'allOf', 'anyOf', 'oneOf', 'not',
]);

const regexCache = new Map<string, RegExp>();
/** JSON Schema patterns are ECMA-262 regular expressions, matched anywhere unless anchored; Unicode-aware. */
function regex(pattern: string): RegExp {
  let compiled = regexCache.get(pattern);
  if (!compiled) {
    compiled = new RegExp(pattern, 'u');
    regexCache.set(pattern, compiled);
  }
  return compiled;
}

const codePoints = (text: string) => [...text].length;

const typeOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
};

const formats: Record<string, (value: string) => boolean> = {
  date: (value) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  },
  'date-time': (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value)),
  uuid: (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  email: (value) => /^[^\s@]+@[^\s@]+$/.test(value),
};

/** Every place (`path: reason`) where `value` breaks `schema`; empty when it conforms. */
export function schemaErrors(schema: Schema | boolean, value: unknown, resolve: Resolve, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: nothing is allowed here`];
  const errors: string[] = [];
  const fail = (reason: string) => errors.push(`${path}: ${reason}`);
  for (const keyword of Object.keys(schema)) if (!KNOWN.has(keyword)) throw new Error(`Unknown JSON Schema keyword ${keyword} at ${path}`);

  if (typeof schema.$ref === 'string') errors.push(...schemaErrors(resolve(schema.$ref), value, resolve, path));
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const types = ([] as string[]).concat(schema.type as string | string[]);
    if (!types.some((type) => type === actual || (type === 'number' && actual === 'integer'))) {
      fail(`expected ${types.join(' or ')}, got ${actual}`);
      return errors;
    }
  }
  if (schema.enum && !(schema.enum as unknown[]).some((option) => Object.is(option, value))) fail(`not one of ${JSON.stringify(schema.enum)}`);
  if ('const' in schema && !Object.is(schema.const, value)) fail(`not ${JSON.stringify(schema.const)}`);

  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && codePoints(value) < schema.minLength) fail(`shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && codePoints(value) > schema.maxLength) fail(`longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !regex(schema.pattern).test(value)) fail(`does not match ${schema.pattern}`);
    const format = schema.format as string | undefined;
    if (format && formats[format] && !formats[format](value)) fail(`not a ${format}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) fail(`below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) fail(`above ${schema.maximum}`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) fail(`not above ${schema.exclusiveMinimum}`);
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) fail(`not below ${schema.exclusiveMaximum}`);
    if (typeof schema.multipleOf === 'number' && !Number.isInteger(value / schema.multipleOf)) fail(`not a multiple of ${schema.multipleOf}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) fail(`more than ${schema.maxItems} items`);
    const prefix = (schema.prefixItems ?? []) as Schema[];
    value.forEach((item, index) => {
      const itemSchema = index < prefix.length ? prefix[index] : (schema.items as Schema | boolean | undefined);
      if (itemSchema !== undefined) errors.push(...schemaErrors(itemSchema, item, resolve, `${path}[${index}]`));
    });
  }
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) if (!(name in object)) fail(`${name} is required`);
    const keys = Object.keys(object);
    if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) fail(`fewer than ${schema.minProperties} properties`);
    if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) fail(`more than ${schema.maxProperties} properties`);
    for (const key of keys) {
      if (schema.propertyNames !== undefined) errors.push(...schemaErrors(schema.propertyNames as Schema, key, resolve, `${path}{${key}}`));
      if (key in properties) errors.push(...schemaErrors(properties[key]!, object[key], resolve, `${path}.${key}`));
      else if (schema.additionalProperties !== undefined) errors.push(...schemaErrors(schema.additionalProperties as Schema, object[key], resolve, `${path}.${key}`));
    }
  }

  for (const part of (schema.allOf ?? []) as Schema[]) errors.push(...schemaErrors(part, value, resolve, path));
  if (schema.anyOf && !(schema.anyOf as Schema[]).some((part) => schemaErrors(part, value, resolve, path).length === 0)) fail('matches none of anyOf');
  if (schema.oneOf && (schema.oneOf as Schema[]).filter((part) => schemaErrors(part, value, resolve, path).length === 0).length !== 1) fail('does not match exactly one of oneOf');
  if (schema.not !== undefined && schemaErrors(schema.not as Schema, value, resolve, path).length === 0) fail('matches a schema it must not');
  return errors;
}

// --- Generating values ---------------------------------------------------------------------

/**
 * Characters for free text: printable ASCII most of the time, white space, Thai, accented
 * Latin, emoji (two UTF-16 units each: lengths are counted in code points) and NUL, which
 * the document has to rule out itself. Values the schema refuses are filtered away.
 */
const textChar = fc.oneof(
  { weight: 10, arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }).filter((c) => c >= ' ' && c <= '~') },
  { weight: 2, arbitrary: fc.constantFrom(' ', '\t', '\n', '\u00a0') },
  { weight: 2, arbitrary: fc.constantFrom('ก', 'ข', 'ส', 'วั', 'ี', 'é', 'ü', 'ß') },
  { weight: 1, arbitrary: fc.constantFrom('😀', '⛳', '𝄞', '🏌️') },
  { weight: 1, arbitrary: fc.constant('\u0000') },
);

/** A pattern worth generating from: anchored at both ends and not merely "no such character". */
const generativePattern = (pattern: string) => pattern.startsWith('^') && pattern.endsWith('$') && !/^\^\[\^[^\]]*\]\*\$$/.test(pattern);

const patternsOf = (schema: Schema): string[] => [
  ...(typeof schema.pattern === 'string' ? [schema.pattern] : []),
  ...((schema.allOf ?? []) as Schema[]).flatMap((part) => (typeof part.pattern === 'string' ? [part.pattern] : [])),
];

const DAY_MS = 86_400_000;

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = (schema.maxLength as number | undefined) ?? Math.max(minLength, 80);
  switch (schema.format) {
    case 'date':
      return fc.integer({ min: Date.UTC(1900, 0, 1) / DAY_MS, max: Date.UTC(2200, 11, 31) / DAY_MS }).map((day) => new Date(day * DAY_MS).toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .tuple(
          fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 11, 31) }),
          fc.constantFrom('Z', '+07:00', '-05:30', '+00:00', '+14:00'),
          fc.boolean(),
        )
        .map(([time, offset, millis]) => {
          const minutes = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)));
          const local = new Date(time + minutes * 60_000).toISOString();
          return `${local.slice(0, millis ? 23 : 19)}${offset}`;
        });
    case 'uuid':
      return fc.uuid();
    // A valid phone number is beyond any pattern (lib/contact/phone.ts): the document's examples are what a client sends.
    case 'phone':
      return fc.constantFrom(...((schema.examples ?? []) as string[]));
  }
  const pattern = patternsOf(schema).find(generativePattern);
  if (pattern) return fc.stringMatching(new RegExp(pattern));
  const text = (min: number, max: number) => fc.array(textChar, { minLength: min, maxLength: max }).map((chars) => chars.join(''));
  return fc.oneof(
    { weight: 6, arbitrary: text(minLength, Math.min(maxLength, minLength + 40)) },
    // The longest the schema allows, where limits are tested.
    { weight: 1, arbitrary: text(maxLength, maxLength) },
  );
}

function numberArbitrary(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const low = (schema.minimum as number | undefined) ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : -1e6);
  const high = (schema.maximum as number | undefined) ?? (typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : 1e6);
  const step = schema.multipleOf as number | undefined;
  if (step !== undefined || integer) {
    const unit = step ?? 1;
    return fc.integer({ min: Math.ceil(low / unit), max: Math.floor(high / unit) }).map((k) => k * unit);
  }
  return fc.oneof(
    fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: Math.ceil(low), max: Math.floor(high) }),
    fc.constantFrom(low, high),
  );
}

function objectArbitrary(schema: Schema, resolve: Resolve, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    // `not: {}` is a property that may never be sent.
    if (property.not !== undefined && Object.keys(property.not as Schema).length === 0) continue;
    model[name] = valueArbitrary(property, resolve, depth + 1);
  }
  const known = fc.record(model, { requiredKeys: [...required].filter((name) => name in model) });
  if (schema.additionalProperties === false) return known;
  // Unknown fields: allowed (and ignored) where the schema does not forbid them.
  const extraValue = schema.additionalProperties && typeof schema.additionalProperties === 'object'
    ? valueArbitrary(schema.additionalProperties as Schema, resolve, depth + 1)
    : fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());
  const extraName = schema.propertyNames ? stringArbitrary(schema.propertyNames as Schema) : fc.stringMatching(/^x_[a-z]{1,8}$/);
  const extras = fc.dictionary(extraName.filter((name) => !(name in properties)), extraValue, { maxKeys: 2 });
  return fc.oneof({ weight: 3, arbitrary: known }, { weight: 1, arbitrary: fc.tuple(known, extras).map(([object, extra]) => ({ ...extra, ...object })) });
}

function unfiltered(schema: Schema, resolve: Resolve, depth: number): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string') return unfiltered({ ...resolve(schema.$ref), ...schema, $ref: undefined }, resolve, depth);
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches && !schema.type) {
    // Deep in a recursive schema, take the first branch (the plain values) so generation ends.
    const usable = depth > 3 ? branches.slice(0, 1) : branches;
    return fc.oneof(...usable.map((branch) => unfiltered(branch, resolve, depth + 1)));
  }
  const types = schema.type === undefined ? ['null', 'boolean', 'integer', 'string'] : ([] as string[]).concat(schema.type as string | string[]);
  return fc.oneof(
    ...types.map((type): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'string':
          return stringArbitrary(schema);
        case 'integer':
          return numberArbitrary(schema, true);
        case 'number':
          return numberArbitrary(schema, false);
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return fc.array(schema.items ? valueArbitrary(schema.items as Schema, resolve, depth + 1) : fc.integer(), {
            minLength: (schema.minItems as number | undefined) ?? 0,
            maxLength: Math.min((schema.maxItems as number | undefined) ?? 3, 3),
          });
        case 'object':
          return objectArbitrary(schema, resolve, depth);
        default:
          throw new Error(`Unknown type ${type}`);
      }
    }),
  );
}

/** Values `schema` allows: generated from its keywords, then kept only if they conform to all of it. */
export function valueArbitrary(schema: Schema, resolve: Resolve, depth = 0): fc.Arbitrary<unknown> {
  return unfiltered(schema, resolve, depth).filter((value) => schemaErrors(schema, value, resolve).length === 0);
}
