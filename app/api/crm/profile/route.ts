import { crmGone } from '@/lib/crm/gone';

export const dynamic = 'force-dynamic';

// GET /api/crm/profile – removed (410 Gone); the body and Link header name its replacement
export const GET = (request: Request) => crmGone(request, '/api/crm/profile');
