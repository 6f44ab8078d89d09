import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Run under a time zone far from Bangkok: nothing may depend on the server's zone.
    // TRUSTED_PROXY_HOPS=1: handlers are called without a server, the suite acting as the one proxy
    // in front: each call's client address arrives in X-Forwarded-For (tests/support/http.ts).
    env: { TZ: 'America/New_York', NODE_ENV: 'test', NEXTAUTH_SECRET: 'test-only-nextauth-secret-0123456789abcdef', TRUSTED_PROXY_HOPS: '1' },
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/test-database.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
