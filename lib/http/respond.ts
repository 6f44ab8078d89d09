import { AppError } from './errors';

/** The spec's error envelope: `{ error, code, details?, timestamp, path }`. */
export function errorResponse(error: AppError, path: string, headers?: HeadersInit): Response {
  const body: Record<string, unknown> = {
    error: error.message,
    code: error.code,
    ...(error.details === undefined ? {} : { details: error.details }),
    timestamp: new Date().toISOString(),
    path,
  };
  const responseHeaders = noStore(headers);
  // A 429 raised in SQL has no Retry-After of its own: derive it from the spec's resetTime.
  const resetTime = (error.details as { resetTime?: unknown } | undefined)?.resetTime;
  if (error.status === 429 && !responseHeaders.has('Retry-After') && typeof resetTime === 'string') {
    responseHeaders.set('Retry-After', String(Math.max(1, Math.ceil((Date.parse(resetTime) - Date.now()) / 1000))));
  }
  // The database or a dependency is briefly away: tell clients when retrying makes sense.
  if (error.status === 503 && !responseHeaders.has('Retry-After')) responseHeaders.set('Retry-After', '5');
  return Response.json(body, { status: error.status, headers: responseHeaders });
}

function noStore(headers?: HeadersInit): Headers {
  const result = new Headers(headers);
  if (!result.has('Cache-Control')) result.set('Cache-Control', 'no-store');
  return result;
}
