import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Run under a time zone far from Bangkok: nothing may depend on the server's zone.
    env: { TZ: 'America/New_York', NODE_ENV: 'test', NEXTAUTH_SECRET: 'test-only-nextauth-secret-0123456789abcdef' },
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/test-database.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
