import { currentHealth } from '@/lib/health/check-health';
import { enforceHealthRateLimit } from '@/lib/health/health-rate-limit';
import { healthContract } from '@/lib/health/schemas';
import { clientAddress } from '@/lib/http/client-key';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// GET /api/health – 200 when the database answers and migrations are current, else 503 (checked at most once a second)
export const GET = route(healthContract, async ({ request }) => {
  const headers = enforceHealthRateLimit(clientAddress(request));
  const report = await currentHealth();
  headers.set('Cache-Control', 'no-store');
  return Response.json(report, { status: report.status === 'ok' ? 200 : 503, headers });
});
