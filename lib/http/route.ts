import { z } from 'zod';
import { credentialVerifiers } from '../auth/credential-verifiers';
import { cachedJson } from './caching';
import { clientAddress } from './client-key';
import type { RouteContract } from './contract';
import { toAppError, validationError } from './errors';
import { enforceRateLimit, type RateLimitName, releaseRateLimitHit } from './rate-limit';
import { readJson } from './request-body';
import { refuseUnsafeWrite } from './same-origin';
import { unstorableTextPaths } from './storable-text';
import { errorResponse } from './respond';

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * What the contract's credential proved: `profileId` (member, optional), `lineUserId` (line),
 * `staff`, `admin` or `machine`. A handler never runs without it.
 */
export type Proof<C extends RouteContract> = Awaited<ReturnType<(typeof credentialVerifiers)[C['auth']]>>;

export type RouteInput<C extends RouteContract> = Proof<C> & {
  request: Request;
  /** The proven caller's rate-limit key: `profile:<id>`, `line:<id>` or `ip:<address>`. */
  callerKey: string;
  /**
   * Counts the request against `name` for `key` (a `byHandler` limit); resolves to the undo. A
   * handler that throws before counting is counted against the contract's limit by the wrapper.
   */
  limit: (name: RateLimitName, key: string) => Promise<() => Promise<void>>;
  query: Infer<C['query']>;
  body: Infer<C['body']>;
  params: Infer<C['params']>;
};

/** Next.js passes dynamic segments as a promise (Next 15+); tests may pass them plainly. */
export interface RouteContext {
  params?: Promise<Record<string, string | string[]>> | Record<string, string | string[]>;
}

type Handler<C extends RouteContract> = (input: RouteInput<C>) => Promise<z.input<C['response']> | Response>;

/**
 * Wraps a route handler: decides the caller's credential, applies the rate limit, parses query, body
 * and path params, validates the response, applies caching, and turns every thrown error
 * into the spec's envelope. The handler only calls its service.
 */
export function route<C extends RouteContract>(contract: C, handler: Handler<C>) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    const path = new URL(request.url).pathname;
    let headers = new Headers();
    try {
      // Only the kind the contract accepts is tested, first: nobody unauthenticated learns what a valid input is.
      const proof: { profileId?: string | null; lineUserId?: string } = await credentialVerifiers[contract.auth](request);
      // Cross-site or non-JSON writes (403/415) are refused before they cost the caller's rate limit.
      refuseUnsafeWrite(request, Boolean(contract.body || contract.ownBody));
      const { profileId, lineUserId } = proof;
      const callerKey = profileId ? `profile:${profileId}` : lineUserId ? `line:${lineUserId}` : contract.rateLimit ? `ip:${clientAddress(request)}` : '';
      let counted = false;
      const limit = async (name: RateLimitName, key: string) => {
        counted = true;
        ({ headers } = await enforceRateLimit(name, key));
        return () => releaseRateLimitHit(name, key);
      };
      const byHandler = typeof contract.rateLimit === 'object' && contract.rateLimit.byHandler === true;
      const defaultLimit = typeof contract.rateLimit === 'string' ? contract.rateLimit : contract.rateLimit?.[profileId ? 'member' : 'guest'];
      if (defaultLimit && !byHandler) await limit(defaultLimit, callerKey);

      let result: Awaited<ReturnType<Handler<C>>>;
      try {
        const input = {
          request,
          callerKey,
          limit,
          ...proof,
          query: contract.query ? parseOrThrow(contract.query, Object.fromEntries(new URL(request.url).searchParams)) : undefined,
          body: contract.body ? parseOrThrow(contract.body, await readJson(request)) : undefined,
          params: contract.params ? parseOrThrow(contract.params, (await context?.params) ?? {}) : undefined,
        } as RouteInput<C>;
        result = await handler(input);
      } catch (error) {
        // A request refused before its handler counted it (bad input, a malformed header) still counts, as the caller's.
        if (byHandler && !counted && defaultLimit) await limit(defaultLimit, callerKey);
        throw error;
      }
      if (result instanceof Response) {
        headers.forEach((value, key) => result.headers.set(key, value));
        return result;
      }
      const body = contract.responseParsedByRpc ? result : contract.response.parse(result);
      if (contract.cache) return cachedJson(request, body, contract.cache, headers);
      if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
      return Response.json(body, { status: contract.successStatus ?? 200, headers });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL_ERROR' || appError.status >= 500) {
        console.error(`${request.method} ${path} failed:`, error);
      }
      const errorHeaders = (error as { headers?: Headers }).headers ?? headers;
      return errorResponse(appError, path, errorHeaders);
    }
  };
}

/** Parses input with a zod schema; failures become 400 VALIDATION_ERROR with a message per field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) {
    const unstorable = unstorableTextPaths(parsed.data);
    if (!unstorable.length) return parsed.data;
    throw validationError(Object.fromEntries(unstorable.map((field) => [field, 'Must not contain NUL characters or unpaired surrogates'])));
  }
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : 'body';
    fields[key] ??= issue.message;
  }
  throw validationError(fields);
}
