import { isProductionBuild } from './deployment';
import { readEnv, type EnvSource } from './env';

/**
 * The secrets every production start must be given, whatever its database (the embedded
 * default included) and whether or not DEV_TOOLS=1: none has a default there, and the app
 * refuses to start without them (instrumentation.ts). Each value says what it protects.
 * SYSTEM_API_KEY and ADMIN_API_KEY are optional: without them their routes refuse every call.
 */
export const requiredSecrets = {
  NEXTAUTH_SECRET: 'signs and encrypts session tokens',
  CRON_SECRET: 'lets the scheduler call the cron routes',
  STAFF_PIN: 'lets staff redeem lucky-draw prizes',
} as const;

/** One line per required secret that is missing (unset or blank) in a production build. */
export function missingSecretErrors(env: EnvSource = process.env): string[] {
  if (!isProductionBuild(env)) return [];
  return Object.entries(requiredSecrets)
    .filter(([name]) => !readEnv(name as keyof typeof requiredSecrets, env)?.trim())
    .map(([name, purpose]) => `${name} is not set: it ${purpose}, and a production start has no default, on any database (see .env.example)`);
}
