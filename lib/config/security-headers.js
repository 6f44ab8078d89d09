// Security headers of every page and API answer, used by next.config.js headers(). Plain
// CommonJS because next.config.js (Next 14) cannot load TypeScript; types beside it.

/**
 * What the LIFF SDK (@line/liff, bundled) reaches: it loads its extension and analytics
 * scripts from LINE's CDN and calls LINE's APIs (api.line.me, access.line.me, liff.line.me)
 * and LINE's usage tracking (line-apps.com). Sign-in with LINE is a top-level navigation.
 */
const LINE_SCRIPT_HOSTS = ['https://static.line-scdn.net'];
const LINE_API_HOSTS = [
  'https://api.line.me',
  'https://access.line.me',
  'https://liff.line.me',
  'https://uts-front.line-apps.com',
  'https://torimochi.line-apps.com',
];

/** HSTS for a year, subdomains included: only ever sent on HTTPS answers (see headerRules). */
const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * The Content-Security-Policy of pages. Scripts: 'self' plus 'unsafe-inline', because the
 * App Router inlines its hydration data as inline scripts and a nonce would make every
 * page dynamically rendered; the policy still allows no other script host than LINE's CDN,
 * no plugins, no <base> change, no framing and no connection to hosts not listed.
 * `next dev` also needs eval (React Refresh) and its WebSocket.
 * @param {{ dev: boolean }} options
 */
function pageContentSecurityPolicy({ dev }) {
  const directives = {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : []), ...LINE_SCRIPT_HOSTS],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...LINE_API_HOSTS, ...(dev ? ['ws:'] : [])],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    // LIFF apps open in LINE's own browser (a web view), never in a frame: nobody may frame us.
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Powerful features no page uses: off for us and anything we embed. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()';

/**
 * The pages that scan a QR code with the device's camera (the front desk's prize redemption)
 * get the camera for our own origin only; everything else stays off.
 */
const CAMERA_PAGES = ['/staff/redeem'];
const CAMERA_PERMISSIONS_POLICY = PERMISSIONS_POLICY.replace('camera=()', 'camera=(self)');

/** API answers are JSON, never rendered: they may load nothing and be framed by nobody. */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers of every answer, pages and API alike.
 * @param {{ dev: boolean }} options
 */
function commonSecurityHeaders({ dev }) {
  return [
    { key: 'Content-Security-Policy', value: pageContentSecurityPolicy({ dev }) },
    // The legacy twin of frame-ancestors 'none', for browsers without CSP level 2.
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    // Other sites learn our origin at most: never a path or query (e.g. a ?vip= code).
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
  ];
}

/**
 * Every path, and the API's (`/api` and below). Unnamed groups, not `/:path*`: Next.js fills
 * a rule's header values with the path's named parameters, and a value with a colon in it
 * (the CSP's `data:`, `https://…`) is then compiled as a path template on every request,
 * about 0.2 ms of a trivial API answer's 0.9 ms here (issue 17); unnamed groups leave no parameter.
 */
const EVERY_PATH = '/(.*)';
const API_PATHS = '/api(/.*)?';

/**
 * The rules for next.config.js headers(). Later rules win for the same header, so the API
 * rule replaces the page policy. HSTS only in a production build and only on answers to
 * HTTPS requests (as the TLS-terminating proxy reports with X-Forwarded-Proto): a deployment
 * behind TLS gets it; `next start` on a local machine over plain HTTP never does.
 * @param {{ dev: boolean }} options
 */
function securityHeaderRules({ dev }) {
  const rules = [
    { source: EVERY_PATH, headers: commonSecurityHeaders({ dev }) },
    { source: API_PATHS, headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
    ...CAMERA_PAGES.map((source) => ({ source, headers: [{ key: 'Permissions-Policy', value: CAMERA_PERMISSIONS_POLICY }] })),
  ];
  if (!dev) {
    rules.push({
      source: EVERY_PATH,
      has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }],
      headers: [{ key: 'Strict-Transport-Security', value: STRICT_TRANSPORT_SECURITY }],
    });
  }
  return rules;
}

module.exports = {
  API_PATHS,
  CAMERA_PAGES,
  EVERY_PATH,
  CAMERA_PERMISSIONS_POLICY,
  PERMISSIONS_POLICY,
  LINE_API_HOSTS,
  LINE_SCRIPT_HOSTS,
  API_CONTENT_SECURITY_POLICY,
  STRICT_TRANSPORT_SECURITY,
  pageContentSecurityPolicy,
  securityHeaderRules,
};
