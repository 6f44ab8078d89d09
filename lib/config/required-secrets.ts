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
} as const;

/** One line per required secret that is missing (unset or blank) in a production build. */
export function missingSecretErrors(env: EnvSource = process.env): string[] {
  if (!isProductionBuild(env)) return [];
  return Object.entries(requiredSecrets)
    .filter(([name]) => !readEnv(name as keyof typeof requiredSecrets, env)?.trim())
    .map(([name, purpose]) => `${name} is not set: it ${purpose}, and a production start has no default, on any database (see .env.example)`);
}

/**
 * Variables a deployment may still set that nothing reads any more, each with what replaced
 * it. Their values are never used (so never read through readEnv); a start that finds one set
 * says so instead of leaving the operator to believe it still protects something.
 */
export const retiredVariables = {
  STAFF_PIN:
    'staff now sign in with their own accounts (a verified email matched to a staff account): list the first admin(s) in STAFF_ADMIN_EMAILS, they add staff at /staff/team; remove STAFF_PIN (README: "How a venue adds its first admin")',
} as const;

/** One warning per retired variable that is set (not blank), in any build. */
export function retiredVariableWarnings(env: EnvSource = process.env): string[] {
  return Object.entries(retiredVariables)
    .filter(([name]) => env[name]?.trim())
    .map(([name, replacement]) => `${name} is set but no longer used: ${replacement}`);
}
