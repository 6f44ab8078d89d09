import { checkHealth } from '@/lib/health/check-health';
import { healthContract } from '@/lib/health/schemas';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// GET /api/health – 200 when the database answers and migrations are current, else 503
export const GET = route(healthContract, async () => {
  const report = await checkHealth();
  return Response.json(report, { status: report.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
});
