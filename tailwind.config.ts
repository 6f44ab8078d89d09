import type { Config } from 'tailwindcss';

const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      fontFamily: {
        sans: ['"Noto Sans Thai Variable"', 'ui-sans-serif', 'system-ui', 'sans-serif'],
      },
      colors: {
        // The venue's palette (public.venue_settings.brand_colors), as CSS variables app/layout.tsx
        // sets per request (lib/venue/brand-colors.ts; built-in values in app/globals.css).
        turf: Object.fromEntries(
          ['50', '100', '200', '500', '600', '700', '800', '900', '950'].map((shade) => [shade, `rgb(var(--brand-${shade}) / <alpha-value>)`]),
        ),
      },
    },
  },
  plugins: [],
};

export default config;
