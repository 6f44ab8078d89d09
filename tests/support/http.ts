import { randomInt } from 'node:crypto';

type RouteHandler = (request: Request, context?: { params?: Record<string, string> }) => Promise<Response> | Response;

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Client address for rate limiting; a random one unless given. */
  ip?: string;
  params?: Record<string, string>;
}

export const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** Calls a route handler with a real Request, as Next would. */
export async function call(handler: RouteHandler, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  headers.set('x-forwarded-for', options.ip ?? randomIp());
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers.set('content-type', 'application/json');
  }
  const request = new Request(new URL(path, 'http://localhost:3000'), { method, headers, body });
  return handler(request, { params: options.params });
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
