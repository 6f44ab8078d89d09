/**
 * Text PostgreSQL cannot store: NUL (text and jsonb refuse it, SQLSTATE 22021/22P05) and
 * unpaired UTF-16 surrogates (jsonb refuses their escapes; text would silently get U+FFFD).
 * Input carrying either is a client error, answered as a field error before any SQL runs.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The paths (`a.b.0`) of every string, or object key, in `value` that PostgreSQL cannot store. */
export function unstorableTextPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (UNSTORABLE.test(value)) found.push(path.join('.') || 'body');
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => unstorableTextPaths(item, [...path, String(index)], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) found.push([...path, key.replace(UNSTORABLE, '?')].join('.'));
      else unstorableTextPaths(item, [...path, key], found);
    }
  }
  return found;
}
