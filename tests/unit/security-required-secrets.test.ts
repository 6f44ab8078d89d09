import { describe, expect, it } from 'vitest';
import { authSecret } from '@/lib/auth/secret';
import { developerToolsEnabled, devToolsBannerShown, isProductionBuild } from '@/lib/config/deployment';
import { missingSecretErrors, requiredSecrets, retiredVariableWarnings } from '@/lib/config/required-secrets';

const secrets = { NEXTAUTH_SECRET: 'n'.repeat(40), CRON_SECRET: 'c'.repeat(40) };
const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db.example:5432/app' } as NodeJS.ProcessEnv;
// `next start` on the embedded default: no database configured, a production build all the same.
const embeddedProduction = { NODE_ENV: 'production', DATABASE_URL: '', SUPABASE_URL: '' } as NodeJS.ProcessEnv;
const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

describe('production build', () => {
  it('is NODE_ENV=production, whatever the database', () => {
    expect(isProductionBuild(production)).toBe(true);
    expect(isProductionBuild(embeddedProduction)).toBe(true);
    expect(isProductionBuild(env({ NODE_ENV: 'production' }))).toBe(true);
    expect(isProductionBuild(env({ NODE_ENV: 'production', SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k' }))).toBe(true);
    expect(isProductionBuild(env({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db.example/app' }))).toBe(false);
    expect(isProductionBuild(env({ NODE_ENV: 'test' }))).toBe(false);
  });
});

describe('developer tools', () => {
  it('are on under `npm run dev` and in tests, with or without a database', () => {
    expect(developerToolsEnabled(env({ NODE_ENV: 'development' }))).toBe(true);
    expect(developerToolsEnabled(env({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db.example/app' }))).toBe(true);
    expect(developerToolsEnabled(env({ NODE_ENV: 'test' }))).toBe(true);
  });

  it('are off in a production build on any database, the embedded default included', () => {
    expect(developerToolsEnabled(embeddedProduction)).toBe(false);
    expect(developerToolsEnabled(env({ NODE_ENV: 'production' }))).toBe(false);
    expect(developerToolsEnabled(production)).toBe(false);
    expect(developerToolsEnabled(env({ NODE_ENV: 'production', SUPABASE_URL: 'https://x.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k' }))).toBe(false);
  });

  it('come back in a production build only with exactly DEV_TOOLS=1, and then the banner shows', () => {
    expect(developerToolsEnabled({ ...embeddedProduction, DEV_TOOLS: '1' })).toBe(true);
    expect(developerToolsEnabled({ ...production, DEV_TOOLS: '1' })).toBe(true);
    for (const value of ['', '0', 'true', 'yes', ' 1']) expect(developerToolsEnabled({ ...embeddedProduction, DEV_TOOLS: value })).toBe(false);
    expect(devToolsBannerShown({ ...embeddedProduction, DEV_TOOLS: '1' })).toBe(true);
    expect(devToolsBannerShown(embeddedProduction)).toBe(false);
    // `npm run dev` has its tools without a warning on every page.
    expect(devToolsBannerShown(env({ NODE_ENV: 'development', DEV_TOOLS: '1' }))).toBe(false);
  });
});

describe('the session secret', () => {
  it('is never generated for a production start, on the embedded database or with DEV_TOOLS=1', () => {
    expect(() => authSecret(embeddedProduction)).toThrow(/NEXTAUTH_SECRET must be set/);
    expect(() => authSecret({ ...embeddedProduction, DEV_TOOLS: '1' })).toThrow(/NEXTAUTH_SECRET must be set/);
    expect(() => authSecret({ ...embeddedProduction, NEXTAUTH_SECRET: '  ' })).toThrow(/NEXTAUTH_SECRET must be set/);
    expect(authSecret({ ...embeddedProduction, NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET })).toBe(secrets.NEXTAUTH_SECRET);
  });
});

describe('required secrets', () => {
  it('are NEXTAUTH_SECRET and CRON_SECRET (the staff PIN is retired: staff have accounts)', () => {
    expect(Object.keys(requiredSecrets)).toEqual(['NEXTAUTH_SECRET', 'CRON_SECRET']);
  });

  it('a production deployment with all of them has nothing missing', () => {
    expect(missingSecretErrors({ ...production, ...secrets })).toEqual([]);
  });

  it('names each missing or blank one on its own line', () => {
    const errors = missingSecretErrors({ ...production, NEXTAUTH_SECRET: secrets.NEXTAUTH_SECRET, CRON_SECRET: '   ' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^CRON_SECRET is not set: /);
    const both = missingSecretErrors(production);
    for (const line of both) expect(line).not.toContain('\n');
    expect(both.map((line) => line.split(' ')[0])).toEqual(['NEXTAUTH_SECRET', 'CRON_SECRET']);
  });

  it('are required of next start on the embedded default too, and DEV_TOOLS=1 relaxes none of them', () => {
    const names = (lines: string[]) => lines.map((line) => line.split(' ')[0]);
    expect(names(missingSecretErrors(embeddedProduction))).toEqual(['NEXTAUTH_SECRET', 'CRON_SECRET']);
    expect(names(missingSecretErrors(env({ NODE_ENV: 'production' })))).toEqual(['NEXTAUTH_SECRET', 'CRON_SECRET']);
    expect(names(missingSecretErrors({ ...embeddedProduction, DEV_TOOLS: '1' }))).toEqual(['NEXTAUTH_SECRET', 'CRON_SECRET']);
    expect(names(missingSecretErrors({ ...embeddedProduction, ...secrets, CRON_SECRET: '' }))).toEqual(['CRON_SECRET']);
    expect(missingSecretErrors({ ...embeddedProduction, ...secrets })).toEqual([]);
  });

  it('asks nothing of development or tests, which generate local ones', () => {
    expect(missingSecretErrors(env({ NODE_ENV: 'development' }))).toEqual([]);
    expect(missingSecretErrors(env({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db.example/app' }))).toEqual([]);
    expect(missingSecretErrors(env({ NODE_ENV: 'test' }))).toEqual([]);
  });
});

describe('retired variables', () => {
  it('a deployment that still sets STAFF_PIN is told, in one line, that nothing reads it and what replaced it', () => {
    const warnings = retiredVariableWarnings({ ...production, ...secrets, STAFF_PIN: '482913' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^STAFF_PIN is set but no longer used: .*STAFF_ADMIN_EMAILS.*\/staff\/team/);
    expect(warnings[0]).not.toContain('482913');
    expect(warnings[0]).not.toContain('\n');
    // Still a start: a leftover PIN is no reason to refuse one.
    expect(missingSecretErrors({ ...production, ...secrets, STAFF_PIN: '482913' })).toEqual([]);
    expect(retiredVariableWarnings({ ...production, ...secrets })).toEqual([]);
    expect(retiredVariableWarnings({ ...production, ...secrets, STAFF_PIN: '  ' })).toEqual([]);
  });
});
