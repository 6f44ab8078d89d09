import { defineConfig, globalIgnores } from 'eslint/config';
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypeScript from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextCoreWebVitals,
  ...nextTypeScript,
  {
    rules: {
      // A leading underscore marks a binding left unused on purpose (e.g. a destructured-away field).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Loads go through components/api/use-load.ts, which derives "loading" from the request
      // instead of setting it at the start of an effect.
      'react-hooks/set-state-in-effect': 'error',
    },
  },
  {
    // Plain CommonJS files (next.config.js and the header rules it loads) use require.
    files: ['**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  globalIgnores(['.next/', '.data/', 'node_modules/', 'playwright-report/', 'test-results/', 'next-env.d.ts']),
]);
