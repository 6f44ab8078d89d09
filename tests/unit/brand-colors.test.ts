import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { brandStyle } from '@/lib/venue/brand-colors';

describe('brandStyle: the venue palette as the CSS variables Tailwind reads', () => {
  it('turns each #rrggbb shade into r g b channels (opacity modifiers keep working)', () => {
    expect(brandStyle({ '600': '#23723a', '50': '#F0F9F1' })).toEqual({ '--brand-600': '35 114 58', '--brand-50': '240 249 241' });
    expect(brandStyle({})).toEqual({});
  });

  it('maps every turf shade of tailwind.config.ts to a variable with a built-in value in app/globals.css', () => {
    const css = readFileSync('app/globals.css', 'utf8');
    const tailwind = readFileSync('tailwind.config.ts', 'utf8');
    expect(tailwind).toContain('rgb(var(--brand-${shade}) / <alpha-value>)');
    for (const shade of ['50', '100', '200', '500', '600', '700', '800', '900', '950']) {
      expect(tailwind).toContain(`'${shade}'`);
      expect(css).toMatch(new RegExp(`--brand-${shade}: \\d+ \\d+ \\d+;`));
    }
  });
});
