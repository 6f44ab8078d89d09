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
  return Response.json(body, { status: error.status, headers: noStore(headers) });
}

function noStore(headers?: HeadersInit): Headers {
  const result = new Headers(headers);
  if (!result.has('Cache-Control')) result.set('Cache-Control', 'no-store');
  return result;
}
