import type { Config } from 'tailwindcss';

const config: Config = {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  theme: {
    extend: {
      fontFamily: {
        sans: ['"Noto Sans Thai Variable"', 'ui-sans-serif', 'system-ui', 'sans-serif'],
      },
      colors: {
        turf: { 50: '#f0f9f1', 100: '#dcf1df', 500: '#2f8f46', 600: '#23723a', 700: '#1d5a30', 900: '#123a20' },
      },
    },
  },
  plugins: [],
};

export default config;
