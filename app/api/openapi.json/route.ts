import { contracts } from '@/lib/api/contracts';
import { openApiDocument } from '@/lib/http/openapi';

export const dynamic = 'force-dynamic';

// GET /api/openapi.json – the OpenAPI 3.1 document generated from the route contracts
export function GET() {
  return Response.json(openApiDocument(contracts), { headers: { 'Cache-Control': 'public, max-age=3600' } });
}
