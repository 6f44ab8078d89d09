import { describe, expect, it } from 'vitest';
import { getPathMatch } from 'next/dist/shared/lib/router/utils/path-match';
import {
  API_CONTENT_SECURITY_POLICY,
  API_PATHS,
  EVERY_PATH,
  CAMERA_PERMISSIONS_POLICY,
  PERMISSIONS_POLICY,
  LINE_API_HOSTS,
  pageContentSecurityPolicy,
  securityHeaderRules,
  STRICT_TRANSPORT_SECURITY,
} from '@/lib/config/security-headers';

/** The directives of a policy, by name. */
const directives = (policy: string) =>
  new Map(policy.split(';').map((part) => {
    const [name, ...sources] = part.trim().split(/\s+/);
    return [name!, sources] as const;
  }));

describe('security headers (next.config.js headers())', () => {
  it('gives every answer CSP, X-Frame-Options DENY, nosniff, a referrer policy and a permissions policy', () => {
    const [all] = securityHeaderRules({ dev: false });
    expect(all!.source).toBe(EVERY_PATH);
    expect(all!.has).toBeUndefined();
    const headers = Object.fromEntries(all!.headers.map(({ key, value }) => [key, value]));
    expect(headers).toEqual({
      'Content-Security-Policy': pageContentSecurityPolicy({ dev: false }),
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Permissions-Policy': expect.stringContaining('camera=()'),
    });
  });

  it('page policy: no framing, no plugins, scripts only from us and the LIFF SDK, connections only to us and LINE', () => {
    const csp = directives(pageContentSecurityPolicy({ dev: false }));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'", 'https://static.line-scdn.net']);
    expect(csp.get('connect-src')).toEqual(["'self'", ...LINE_API_HOSTS]);
    expect(LINE_API_HOSTS).toContain('https://api.line.me');
    for (const sources of csp.values()) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain('*');
      expect(sources).not.toContain('https:');
    }
  });

  it('next dev alone may eval (React Refresh) and open its WebSocket', () => {
    const csp = directives(pageContentSecurityPolicy({ dev: true }));
    expect(csp.get('script-src')).toContain("'unsafe-eval'");
    expect(csp.get('connect-src')).toContain('ws:');
  });

  it('API answers get a policy that loads nothing, replacing the page policy', () => {
    const rules = securityHeaderRules({ dev: false });
    const api = rules.find((rule) => rule.source === API_PATHS)!;
    expect(rules.indexOf(api)).toBeGreaterThan(0);
    expect(api.headers).toEqual([{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }]);
    expect(directives(API_CONTENT_SECURITY_POLICY).get('default-src')).toEqual(["'none'"]);
    expect(directives(API_CONTENT_SECURITY_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the camera only for our own origin, only on the desk\'s QR scanning page; everything else stays off', () => {
    const rules = securityHeaderRules({ dev: false });
    const policies = rules.filter((rule) => rule.headers.some((h) => h.key === 'Permissions-Policy'));
    expect(policies.map((rule) => rule.source)).toEqual([EVERY_PATH, '/staff/redeem']);
    expect(PERMISSIONS_POLICY).toContain('camera=()');
    expect(policies[1]!.headers).toEqual([{ key: 'Permissions-Policy', value: CAMERA_PERMISSIONS_POLICY }]);
    expect(CAMERA_PERMISSIONS_POLICY).toBe('camera=(self), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()');
  });

  it('HSTS only in a production build, and only on answers to HTTPS requests', () => {
    const hsts = (dev: boolean) => securityHeaderRules({ dev }).filter((rule) => rule.headers.some((h) => h.key === 'Strict-Transport-Security'));
    expect(hsts(true)).toEqual([]);
    expect(hsts(false)).toEqual([
      {
        source: EVERY_PATH,
        has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
        headers: [{ key: 'Strict-Transport-Security', value: STRICT_TRANSPORT_SECURITY }],
      },
    ]);
    expect(STRICT_TRANSPORT_SECURITY).toMatch(/^max-age=31536000; includeSubDomains$/);
  });

  it('the sources match every path and the API\'s, and leave Next.js no named parameter to fill header values with', () => {
    // As Next.js builds a headers() rule's matcher (server/lib/router-utils/filesystem.js).
    const matcher = (source: string) => getPathMatch(source, { strict: true, removeUnnamedParams: true });
    const every = matcher(EVERY_PATH);
    for (const path of ['/', '/vip', '/api/health', '/_next/static/chunks/a.js']) expect(every(path), path).toEqual({});
    const api = matcher(API_PATHS);
    for (const path of ['/api', '/api/health', '/api/vip/bookings']) expect(api(path), path).toEqual({});
    for (const path of ['/', '/apix', '/vip/api']) expect(api(path), path).toBe(false);
    for (const rule of securityHeaderRules({ dev: false })) expect(rule.source).not.toMatch(/:[a-z]/i);
  });
});
