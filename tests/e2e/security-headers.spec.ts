import { expect, type Page } from '@playwright/test';
import { skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

/**
 * The security headers reach the browser on pages and API answers, and the pages still
 * hydrate under the Content-Security-Policy without a single violation.
 */

const PAGES = ['/', '/book', '/vip', '/liff/lucky-draw'];

function expectSecurityHeaders(headers: Record<string, string>, kind: 'page' | 'api') {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  if (kind === 'page') {
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain('connect-src \'self\' https://api.line.me');
    expect(csp).not.toContain('unsafe-eval');
  } else {
    expect(csp).toBe("default-src 'none'; frame-ancestors 'none'");
  }
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=()');
  // Plain HTTP on a local machine: no HSTS.
  expect(headers['strict-transport-security']).toBeUndefined();
}

/** Collects CSP violations from the page's own event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(`event: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return violations;
}

/** Whether React has hydrated the document (it marks the nodes it owns). */
const hydrated = (page: Page) =>
  page.evaluate(() => Object.keys(document.body).some((key) => key.startsWith('__reactFiber$') || key.startsWith('__reactProps$')));

test.describe('Security headers', () => {
  for (const path of PAGES) {
    test(`${path}: the headers, and the page hydrates with no CSP violation`, async ({ page }) => {
      const violations = await watchViolations(page);
      const response = await page.goto(path);
      expect(response, path).not.toBeNull();
      expectSecurityHeaders(response!.headers(), 'page');
      await page.waitForLoadState('networkidle');
      await expect.poll(() => hydrated(page), { message: `${path} hydrated` }).toBe(true);
      expect(violations).toEqual([]);
    });
  }

  test('the home page is interactive under the policy: its grid loads through the API', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto('/');
    await expect(page.getByTestId('availability-grid')).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('the violation watcher sees a blocked script (so an empty list above means none happened)', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto('/');
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.src = 'https://scripts.invalid/injected.js';
      document.head.appendChild(script);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toContain('scripts.invalid');
  });

  test('API answers: a policy that loads nothing, and the same framing, sniffing and referrer headers', async ({ request }) => {
    for (const path of ['/api/health', '/api/openapi.json', '/api/vip/status']) {
      const response = await request.get(path);
      expectSecurityHeaders(response.headers(), 'api');
    }
  });

  test('HSTS is sent when the proxy reports HTTPS, never over plain HTTP', async ({ request }) => {
    const https = await request.get('/api/health', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(https.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const page = await request.get('/', { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(page.headers()['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect((await request.get('/api/health')).headers()['strict-transport-security']).toBeUndefined();
  });
});
