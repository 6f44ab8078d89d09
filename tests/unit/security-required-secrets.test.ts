import { describe, expect, it } from 'vitest';
import { isProductionDeployment } from '@/lib/config/deployment';
import { missingSecretErrors, requiredSecrets } from '@/lib/config/required-secrets';

const secrets = { NEXTAUTH_SECRET: 'n'.repeat(40), CRON_SECRET: 'c'.repeat(40), STAFF_PIN: '482913' };
const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db.example:5432/app' } as NodeJS.ProcessEnv;

describe('production deployment', () => {
  it('is NODE_ENV=production on a configured database; the embedded default is a local machine', () => {
    expect(isProductionDeployment(production)).toBe(true);
    expect(isProductionDeployment({ NODE_ENV: 'production', SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k' } as NodeJS.ProcessEnv)).toBe(true);
    // Half a Supabase configuration is a deployment gone wrong, not a local machine.
    expect(isProductionDeployment({ NODE_ENV: 'production', SUPABASE_URL: 'https://x.supabase.co' } as NodeJS.ProcessEnv)).toBe(true);
    expect(isProductionDeployment({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toBe(false);
    expect(isProductionDeployment({ NODE_ENV: 'production', DATABASE_URL: '' } as NodeJS.ProcessEnv)).toBe(false);
    expect(isProductionDeployment({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db.example/app' } as NodeJS.ProcessEnv)).toBe(false);
    expect(isProductionDeployment({ NODE_ENV: 'test', DATABASE_URL: 'postgres://db.example/app' } as NodeJS.ProcessEnv)).toBe(false);
  });
});

describe('required secrets', () => {
  it('are NEXTAUTH_SECRET, CRON_SECRET and the staff PIN', () => {
    expect(Object.keys(requiredSecrets)).toEqual(['NEXTAUTH_SECRET', 'CRON_SECRET', 'STAFF_PIN']);
  });

  it('a production deployment with all of them has nothing missing', () => {
    expect(missingSecretErrors({ ...production, ...secrets })).toEqual([]);
  });

  it('names each missing or blank one on its own line', () => {
    const errors = missingSecretErrors({ ...production, NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET, CRON_SECRET: '   ' });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^CRON_SECRET is not set: /);
    expect(errors[1]).toMatch(/^STAFF_PIN is not set: /);
    for (const line of errors) expect(line).not.toContain('\n');
    expect(missingSecretErrors(production).map((line) => line.split(' ')[0])).toEqual(['NEXTAUTH_SECRET', 'CRON_SECRET', 'STAFF_PIN']);
  });

  it('asks nothing of a local machine: development, tests, or next start on the embedded default', () => {
    expect(missingSecretErrors({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toEqual([]);
    expect(missingSecretErrors({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db.example/app' } as NodeJS.ProcessEnv)).toEqual([]);
  });
});
