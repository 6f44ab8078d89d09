import { readEnv } from '../config/env';
import { AppError, validationError } from './errors';

/**
 * The largest request body the app reads, in bytes: MAX_REQUEST_BODY_BYTES, default 64 KiB.
 * The largest body this API takes (a booking with its notes) is a few KB, so the bound only
 * ever refuses abuse: without it a 100 MB body was read and parsed whole.
 */
export function maxRequestBodyBytes(): number {
  return readEnv('MAX_REQUEST_BODY_BYTES');
}

/**
 * The request body as UTF-8 text, never more than `limit` bytes of it: 413 PAYLOAD_TOO_LARGE
 * before reading when Content-Length says more, and as soon as a body without one (chunked)
 * grows past it, cancelling the rest of the stream instead of buffering it.
 */
export async function readBodyText(request: Request, limit = maxRequestBodyBytes()): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) throw new AppError('PAYLOAD_TOO_LARGE', undefined, { maxBytes: limit });
  if (!request.body) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // The client went away mid-body, or the server's request timeout (lib/http/server-hook.ts)
      // cut it off and has already answered: nothing to report but that.
      throw new AppError('REQUEST_TIMEOUT');
    }
    if (chunk.done) return text + decoder.decode();
    received += chunk.value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('PAYLOAD_TOO_LARGE', undefined, { maxBytes: limit });
    }
    text += decoder.decode(chunk.value, { stream: true });
  }
}

/** The request body parsed as JSON (`{}` when empty), read through readBodyText; 400 when it is not JSON. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw validationError({ body: 'Request body must be valid JSON' });
  }
}
