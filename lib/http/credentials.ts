import { clientAddress } from './client-key';
import type { RouteContract } from './contract';
import { enforceRateLimit, releaseRateLimitHit } from './rate-limit';

/** The credential kinds a route contract can declare. */
export type AuthKind = RouteContract['auth'];

/**
 * How each credential kind is checked: resolves to what the credential proves about the caller
 * (handed to the handler), or throws the AppError to answer (401, 403 or 429). The route
 * wrapper calls only the verifier of its contract's kind, before it reads the body, so a
 * route never tests, and never reveals anything about, a credential it does not accept: a
 * valid credential of another kind is simply no credential (401). The registry lives in
 * lib/auth/credential-verifiers.ts.
 */
export type CredentialVerifiers = { [K in AuthKind]: (request: Request) => Promise<object> };

/**
 * Runs `check` of a shared secret the caller presented (the staff PIN, a machine secret),
 * throttled per client address and per kind globally (credentialFailuresClient / Global).
 * Each try is counted before it is compared and given back when it was right, so only
 * failures stay counted, concurrent guesses cannot all slip in before the first is counted,
 * and past the limit every try, right or wrong, is the same 429 without being compared.
 * Call it only when the request presents something: no credential at all is nothing to guess.
 */
export async function throttledCheck(request: Request, kind: string, check: () => boolean | Promise<boolean>): Promise<boolean> {
  const client = `${kind}:ip:${clientAddress(request)}`;
  await enforceRateLimit('credentialFailuresClient', client);
  try {
    await enforceRateLimit('credentialFailuresGlobal', kind);
  } catch (error) {
    // Not compared, so not this client's failure.
    await releaseRateLimitHit('credentialFailuresClient', client);
    throw error;
  }
  const valid = await check();
  if (valid) await Promise.all([releaseRateLimitHit('credentialFailuresClient', client), releaseRateLimitHit('credentialFailuresGlobal', kind)]);
  return valid;
}
