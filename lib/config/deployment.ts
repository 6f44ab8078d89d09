import { readEnv, type EnvSource } from './env';

/**
 * A production build: `next build` / `next start` (NODE_ENV=production), whatever database
 * it uses. The embedded default is no exception: a production build on it is reachable by
 * whoever can reach the server, so it gets no local defaults and no developer tools.
 */
export function isProductionBuild(env: EnvSource = process.env): boolean {
  return readEnv('NODE_ENV', env) === 'production';
}

/**
 * The one rule for developer tools (/dev/outbox, POST /api/liff/dev-token, the LIFF
 * screen's local sign-in and its local LINE channel, recording messages instead of sending
 * them): always in development and tests, and in a production build only when DEV_TOOLS=1
 * says so explicitly (the e2e suite and the bench), which every page then shows
 * (devToolsBannerShown).
 */
export function developerToolsEnabled(env: EnvSource = process.env): boolean {
  return !isProductionBuild(env) || readEnv('DEV_TOOLS', env) === '1';
}

/** A production build serving developer tools: every page says so (app/layout.tsx). */
export function devToolsBannerShown(env: EnvSource = process.env): boolean {
  return isProductionBuild(env) && developerToolsEnabled(env);
}
