import { errorResponse } from '../http/respond';
import { AppError } from '../http/errors';

/** When the CRM endpoints were deprecated (the spec: January 2025), as RFC 9745 wants it. */
const DEPRECATED_AT = Date.UTC(2025, 0, 1) / 1000;

/** The spec's migration guide: which VIP route replaces each removed CRM route. */
export const crmMigrationGuide = {
  '/api/crm/profile': '/api/vip/profile',
  '/api/crm/match': '/api/vip/link-account',
  '/api/crm/mapping': '/api/vip/status',
  '/api/crm/packages': '/api/vip/packages',
  '/api/crm/sync-packages': null,
} as const satisfies Record<string, string | null>;

export type CrmPath = keyof typeof crmMigrationGuide;

/**
 * The answer of a removed CRM endpoint: 410 Gone in the error envelope, naming its
 * replacement and the whole guide, with `Deprecation` and `Link` (successor) headers.
 */
export function crmGone(request: Request, crmPath: CrmPath): Response {
  const replacement = crmMigrationGuide[crmPath];
  const origin = new URL(request.url).origin;
  const headers = new Headers({
    Deprecation: `@${DEPRECATED_AT}`,
    'Cache-Control': 'public, max-age=3600',
  });
  const links = [`<${origin}/api/openapi.json>; rel="service-desc"`];
  if (replacement) links.unshift(`<${origin}${replacement}>; rel="successor-version"`);
  headers.set('Link', links.join(', '));
  const message = replacement
    ? `This CRM endpoint was removed in January 2025: use ${replacement} instead`
    : 'This CRM endpoint was removed in January 2025: packages now live in the venue database; members read them at /api/vip/packages';
  const error = new AppError('GONE', message, {
    replacement,
    migrationGuide: {
      'Profile Data': 'Use /api/vip/profile instead of /api/crm/profile',
      'Customer Linking': 'Use /api/vip/link-account instead of /api/crm/match',
      'Package Information': 'Use /api/vip/packages instead of /api/crm/packages',
      'Mapping Status': 'Use /api/vip/status instead of /api/crm/mapping',
    },
  });
  return errorResponse(error, new URL(request.url).pathname, headers);
}
