import { enforceRateLimit, type RateLimitName } from '../http/rate-limit';

/**
 * Applies a rate limit keyed by something only the handler knows (the verified LINE user),
 * runs `work`, and answers with its body and the limit's headers. Past the limit it throws
 * the 429 the route wrapper renders (with Retry-After).
 */
export async function limitedJson<T>(name: RateLimitName, key: string, work: () => Promise<T>, parse: (body: T) => unknown): Promise<Response> {
  const { headers } = await enforceRateLimit(name, key);
  try {
    const body = parse(await work());
    headers.set('Cache-Control', 'no-store');
    return Response.json(body, { headers });
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { headers });
  }
}
