import { crmGone } from '@/lib/crm/gone';

export const dynamic = 'force-dynamic';

// POST /api/crm/sync-packages – removed (410 Gone); the body and Link header name its replacement
export const POST = (request: Request) => crmGone(request, '/api/crm/sync-packages');
