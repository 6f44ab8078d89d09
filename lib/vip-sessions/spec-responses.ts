import type { z } from 'zod';
import { readBodyText } from '../http/request-body';
import type { RouteContext } from '../http/route';

/**
 * The VIP session endpoints answer bad input and server failures with the bodies their spec
 * shows (`{ message, errors }` for 422, `{ message }` for 500) rather than the API's error
 * envelope, so their route handlers read the body and shape those answers themselves.
 */

type RouteHandler = (request: Request, context?: RouteContext) => Promise<Response>;

const noStore = { 'Cache-Control': 'no-store' };

/** The spec's 422: `{ message: 'The given data was invalid.', errors: { <field>: [messages] } }`. */
export function invalidData(errors: Record<string, string[]>): Response {
  return Response.json({ message: 'The given data was invalid.', errors }, { status: 422, headers: noStore });
}

/**
 * Reads the request's JSON body and parses it with `schema`; on failure answers the spec's
 * 422 with every message of each field. A body that is not a JSON object counts as empty.
 */
export async function readBodyOr422<S extends z.ZodObject>(request: Request, schema: S): Promise<z.output<S> | Response> {
  // Bounded like every body (413 in the envelope, from the route wrapper).
  const text = await readBodyText(request);
  let value: unknown = {};
  if (text.trim()) {
    try {
      value = JSON.parse(text);
    } catch {
      return invalidData({ body: ['The request body must be valid JSON.'] });
    }
  }
  const parsed = schema.safeParse(value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {});
  if (parsed.success) return parsed.data;
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const messages = (errors[issue.path.length ? issue.path.join('.') : 'body'] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return invalidData(errors);
}

/**
 * Answers every 5xx of `handler` (an unexpected error, an unreachable database) with the
 * spec's `{ message }` and status 500. The route wrapper has already logged the detail;
 * the client never sees it.
 */
export function withServerErrorBody(message: string, handler: RouteHandler): RouteHandler {
  return async (request, context) => {
    const response = await handler(request, context).catch((error: unknown) => {
      console.error(`${request.method} ${new URL(request.url).pathname} failed:`, error);
      return null;
    });
    if (response && response.status < 500) return response;
    return Response.json({ message }, { status: 500, headers: noStore });
  };
}
