import type { CSSProperties } from 'react';
import type { VenueBrandRecord } from './brand-record';

/**
 * The venue's palette (public.venue_settings.brand_colors) as the CSS variables the Tailwind
 * `turf` colours read (tailwind.config.ts: `rgb(var(--brand-600) / <alpha-value>)`), set on
 * <html> per request by app/layout.tsx: a venue's colour change needs no rebuild. Channels
 * ("35 114 58"), not hex, so opacity modifiers (ring-turf-500/30) keep working. A shade the
 * venue leaves out keeps app/globals.css's built-in one.
 */
export function brandStyle(colors: VenueBrandRecord['colors']): CSSProperties {
  const style: Record<string, string> = {};
  for (const [shade, hex] of Object.entries(colors)) {
    if (!hex) continue;
    const value = Number.parseInt(hex.slice(1), 16);
    style[`--brand-${shade}`] = `${(value >> 16) & 255} ${(value >> 8) & 255} ${value & 255}`;
  }
  return style as CSSProperties;
}
