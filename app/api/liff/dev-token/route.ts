import { z } from 'zod';
import { AppError, toAppError } from '@/lib/http/errors';
import { readBodyText } from '@/lib/http/request-body';
import { refuseUnsafeWrite } from '@/lib/http/same-origin';
import { errorResponse } from '@/lib/http/respond';
import { parseOrThrow } from '@/lib/http/route';
import { mintDevLineToken } from '@/lib/lucky-draw/dev-token';
import { LineUserId } from '@/lib/lucky-draw/schemas';
import { developerToolsEnabled } from '@/lib/config/deployment';

export const dynamic = 'force-dynamic';

const DevTokenRequest = z.object({ lineUserId: LineUserId });

/**
 * POST /api/liff/dev-token – the LIFF screen's local sign-in (developer tools only): a
 * short-lived LINE ID token for any LINE user id, signed with the (local) channel secret.
 * Exists only where developer tools are on (developerToolsEnabled: never in a production
 * build without DEV_TOOLS=1); 404 everywhere else, before the body is read. Not part of
 * the public API, so not in the OpenAPI document.
 */
export async function POST(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  try {
    if (!developerToolsEnabled()) throw new AppError('NOT_FOUND');
    refuseUnsafeWrite(request, true);
    const text = await readBodyText(request);
    let raw: unknown = {};
    try {
      raw = text.trim() ? JSON.parse(text) : {};
    } catch {
      raw = null;
    }
    const { lineUserId } = parseOrThrow(DevTokenRequest, raw);
    const token = await mintDevLineToken(lineUserId);
    return Response.json({ ...token, lineUserId }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(toAppError(error), path);
  }
}
