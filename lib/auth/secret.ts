import { isProductionBuild } from '../config/deployment';
import { readEnv, type EnvSource } from '../config/env';
import { localSecret } from '../db/local-secret';

/**
 * The secret that signs and encrypts session tokens: NEXTAUTH_SECRET. Only outside a
 * production build (`npm run dev`, tests) is one generated once and kept under DATA_DIR, so
 * sessions survive restarts; a production start never uses it, not even with DEV_TOOLS=1
 * (a generated file is no secret a deployment chose, and instrumentation.ts already refuses
 * to start without NEXTAUTH_SECRET).
 */
export function authSecret(env: EnvSource = process.env): string {
  const configured = readEnv('NEXTAUTH_SECRET', env);
  // Blank counts as unset, as in missingSecretErrors.
  if (configured?.trim()) return configured;
  if (isProductionBuild(env)) throw new Error('NEXTAUTH_SECRET must be set in a production build, on any database');
  return localSecret('auth-secret');
}
