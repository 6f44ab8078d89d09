import { z } from 'zod';
import { profileIdOf } from '../auth/session-token';
import { cachedJson } from './caching';
import { clientAddress } from './client-key';
import type { RouteContract } from './contract';
import { refusalFor } from './credentials';
import { AppError, toAppError, validationError } from './errors';
import { enforceRateLimit } from './rate-limit';
import { carriesSecret } from './secrets';
import { unstorableTextPaths } from './storable-text';
import { errorResponse } from './respond';

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<C extends RouteContract> {
  request: Request;
  /** The signed-in profile's id; always set when the contract's auth is `required`. */
  profileId: C['auth'] extends 'required' ? string : string | null;
  query: Infer<C['query']>;
  body: Infer<C['body']>;
  params: Infer<C['params']>;
}

/** Next.js passes dynamic segments as a promise (Next 15+); tests may pass them plainly. */
export interface RouteContext {
  params?: Promise<Record<string, string | string[]>> | Record<string, string | string[]>;
}

type Handler<C extends RouteContract> = (input: RouteInput<C>) => Promise<z.input<C['response']> | Response>;

/**
 * Wraps a route handler: resolves the caller, applies the rate limit, parses query, body
 * and path params, validates the response, applies caching, and turns every thrown error
 * into the spec's envelope. The handler only calls its service.
 */
export function route<C extends RouteContract>(contract: C, handler: Handler<C>) {
  return async (request: Request, context?: RouteContext): Promise<Response> => {
    const path = new URL(request.url).pathname;
    let headers = new Headers();
    try {
      if ((contract.auth === 'cron' || contract.auth === 'system') && !carriesSecret(request, contract.auth)) {
        throw new AppError('AUTH_REQUIRED');
      }
      const profileId = contract.auth === 'optional' || contract.auth === 'required' ? await profileIdOf(request) : null;
      if (contract.auth === 'required' && !profileId) throw new AppError('AUTH_REQUIRED');
      if (contract.rateLimit) {
        const limit = typeof contract.rateLimit === 'string' ? contract.rateLimit : contract.rateLimit[profileId ? 'member' : 'guest'];
        ({ headers } = await enforceRateLimit(limit, profileId ? `profile:${profileId}` : `ip:${clientAddress(request)}`));
      }
      const input = {
        request,
        profileId,
        query: contract.query ? parseOrThrow(contract.query, Object.fromEntries(new URL(request.url).searchParams)) : undefined,
        body: contract.body ? parseOrThrow(contract.body, await readJson(request)) : undefined,
        params: contract.params ? parseOrThrow(contract.params, (await context?.params) ?? {}) : undefined,
      } as RouteInput<C>;

      const result = await handler(input);
      if (result instanceof Response) {
        headers.forEach((value, key) => result.headers.set(key, value));
        return result;
      }
      const body = contract.response.parse(result);
      if (contract.cache) return cachedJson(request, body, contract.cache, headers);
      if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
      return Response.json(body, { status: contract.successStatus ?? 200, headers });
    } catch (error) {
      let appError = toAppError(error);
      // A caller refused with 401 who presented only valid credentials of other kinds is 403.
      if (appError.status === 401) appError = await refusalFor(request, appError);
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

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw validationError({ body: 'Request body must be valid JSON' });
  }
}
