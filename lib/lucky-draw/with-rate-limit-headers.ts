import { enforceRateLimit, type RateLimitName } from '../http/rate-limit';

/**
 * Applies a rate limit that may only count once the handler's own check passed (spin: the
 * verified LINE user, after the body's ownership check), runs `work`, and answers with its
 * body and the limit's headers. Past the limit it throws the 429 the route wrapper renders
 * (with Retry-After). Limits keyed by the caller alone belong in the contract.
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
