import { databaseMode } from '../db';

/**
 * A production deployment: NODE_ENV=production on a configured database (DATABASE_URL or
 * Supabase). `next start` on the embedded default database is a local machine (a demo,
 * the benchmarks, the browser tests), not a deployment. A half-configured Supabase counts
 * as a deployment, so it never falls back to local defaults.
 */
export function isProductionDeployment(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NODE_ENV !== 'production') return false;
  try {
    return databaseMode(env) !== 'embedded';
  } catch {
    return true;
  }
}

/**
 * A local setup: anything but a production deployment. Only here may the app record messages
 * instead of sending them (shown at /dev/outbox), and offer the local LIFF sign-in.
 */
export function isLocalSetup(env: NodeJS.ProcessEnv = process.env): boolean {
  return !isProductionDeployment(env);
}
