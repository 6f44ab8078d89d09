import { expect } from '@playwright/test';
import { skipWithoutBrowser, test } from './support';

skipWithoutBrowser();

test.describe('Icons and the shipped font', () => {
  test('every page names its icons, and /favicon.ico, the icon and the app icon are served', async ({ page, request }) => {
    await page.goto('/');
    const icons = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluateAll((links) =>
      links.map((link) => (link as HTMLLinkElement).getAttribute('href') ?? ''),
    );
    expect(icons.some((href) => href.startsWith('/icon.svg'))).toBe(true);
    expect(icons.some((href) => href.startsWith('/apple-icon.png'))).toBe(true);

    for (const [path, type] of [
      ['/favicon.ico', 'image/x-icon'],
      ['/icon.svg', 'image/svg+xml'],
      ['/apple-icon.png', 'image/png'],
    ] as const) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()['content-type'], path).toContain(type);
      expect((await response.body()).length, path).toBeGreaterThan(100);
    }
  });

  test('Thai text renders with the bundled font, which the app serves itself', async ({ page, context }) => {
    await context.addCookies([{ name: 'locale', value: 'th', url: 'http://127.0.0.1:3100' }]);
    const fontRequests: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'font') fontRequests.push(request.url());
    });
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'th');
    const rendered = await page.evaluate(async () => {
      await document.fonts.ready;
      await document.fonts.load('16px "Noto Sans Thai Variable"', 'ภาษาไทย');
      return {
        thai: document.fonts.check('16px "Noto Sans Thai Variable"', 'ภาษาไทย'),
        family: getComputedStyle(document.body).fontFamily,
      };
    });
    expect(rendered.family).toContain('Noto Sans Thai Variable');
    expect(rendered.thai).toBe(true);
    // Served from this app, never a font CDN.
    expect(fontRequests.length).toBeGreaterThan(0);
    for (const url of fontRequests) expect(new URL(url).origin).toBe('http://127.0.0.1:3100');
  });
});
