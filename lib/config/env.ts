import { z } from 'zod';

/**
 * Every environment variable the app reads, each with its one rule (zod) and default, in the
 * order of .env.example, which documents each (a test holds the two lists equal). Read one
 * with readEnv(name): it is parsed from its current value at each read (the parse is kept
 * while the value is unchanged), never at module load, so a changed variable or a test's own
 * value applies to the next read. A value the rule refuses throws `<NAME> <what it must be>`
 * where it is read; a few settings fall back to their default instead, as they always have.
 */

type Raw = string | undefined;

/** Set and not blank, as it is (secrets and keys: compared exactly). */
const value = () => z.string().optional().transform((raw) => (raw ? raw : undefined));
/** Set and not blank, trimmed (names, URLs, addresses). */
const text = () => z.string().optional().transform((raw) => raw?.trim() || undefined);
/** `default` when unset or blank. */
const textOr = (fallback: string) => text().transform((raw) => raw ?? fallback);
/** A positive whole number; unset, blank or anything else is `fallback`. */
const positiveIntegerOr = (fallback: number) =>
  z.string().optional().transform((raw) => {
    const number = Number(raw);
    return raw?.trim() && Number.isSafeInteger(number) && number > 0 ? number : fallback;
  });
/** A timer's period in seconds: unset is `fallback`; 0, blank or anything not positive turns it off (0). */
const timerSeconds = (fallback: number) =>
  z.string().optional().transform((raw) => {
    const seconds = Number(raw ?? fallback);
    return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  });
/** Milliseconds that must be a positive whole number when set (unset or blank: `fallback`). */
const strictMilliseconds = (fallback: number) =>
  text()
    .refine((raw) => raw === undefined || (Number.isInteger(Number(raw)) && Number(raw) > 0), 'must be a positive whole number of milliseconds')
    .transform((raw) => (raw === undefined ? fallback : Number(raw)));
/** A whole number >= 0 when set (unset or blank: `fallback`). */
const wholeNumber = (fallback: number) =>
  text()
    .refine((raw) => raw === undefined || (Number.isInteger(Number(raw)) && Number(raw) >= 0), 'must be a whole number >= 0')
    .transform((raw) => (raw === undefined ? fallback : Number(raw)));

/**
 * The longest a provider timeout may be set to: an outbox attempt (a few requests in a row)
 * must end well within its job's lease (JOB_LEASE_SECONDS, 120 s), or a second processor
 * could claim the job while the first is still talking to the provider.
 */
export const MAX_PROVIDER_TIMEOUT_MS = 30_000;

/**
 * A provider's request timeout in milliseconds, five seconds unless set: long enough for a
 * healthy provider, short enough that a hanging one fails the attempt (the outbox retries it).
 */
const providerTimeout = () =>
  text()
    .refine((raw) => {
      const number = Number(raw);
      return raw === undefined || (Number.isFinite(number) && number > 0 && number <= MAX_PROVIDER_TIMEOUT_MS);
    }, `must be a number of milliseconds from 1 to ${MAX_PROVIDER_TIMEOUT_MS}`)
    .transform((raw) => (raw === undefined ? 5_000 : Math.round(Number(raw))));

const variables = {
  // Server (NODE_ENV is set by Next.js and the test runner, not by .env).
  NODE_ENV: text(),
  PORT: textOr('3000'),
  DATA_DIR: textOr('.data'),
  DEV_TOOLS: value(),
  TRUSTED_PROXY_HOPS: z.string().optional().transform((raw) => {
    const hops = Number(raw || 0);
    return Number.isSafeInteger(hops) && hops > 0 ? hops : 0;
  }),
  MAX_REQUEST_BODY_BYTES: positiveIntegerOr(64 * 1024),
  REQUEST_TIMEOUT_MS: positiveIntegerOr(30_000),
  // Database
  DATABASE_URL: value(),
  DB_POOL_SIZE: positiveIntegerOr(10),
  DB_STATEMENT_TIMEOUT: textOr('8s'),
  DB_CONNECT_TIMEOUT_MS: strictMilliseconds(5_000),
  DB_QUERY_TIMEOUT_MS: strictMilliseconds(15_000),
  SUPABASE_URL: value(),
  SUPABASE_SERVICE_ROLE_KEY: value(),
  SUPABASE_JWT_SECRET: value(),
  SUPABASE_ANON_KEY: value(),
  // Rate limit counters
  REDIS_URL: text(),
  REDIS_COMMAND_TIMEOUT_MS: positiveIntegerOr(250),
  REDIS_KEY_PREFIX: textOr(''),
  // Sign-in
  NEXTAUTH_SECRET: value(),
  NEXTAUTH_URL: value(),
  GOOGLE_CLIENT_ID: value(),
  GOOGLE_CLIENT_SECRET: value(),
  FACEBOOK_CLIENT_ID: value(),
  FACEBOOK_CLIENT_SECRET: value(),
  LINE_CLIENT_ID: value(),
  LINE_CLIENT_SECRET: value(),
  STAFF_ADMIN_EMAILS: text()
    .transform((raw) => (raw ?? '').split(',').map((email) => email.trim().toLowerCase()).filter(Boolean))
    .refine((emails) => emails.every((email) => /^[^@\s]+@[^@\s]+$/.test(email)), 'must be comma-separated email addresses'),
  // Bookings, the outbox, VIP sessions
  BOOKING_INLINE_BUDGET_MS: z.string().optional().transform((raw) => {
    const ms = Number(raw || 700);
    return Number.isFinite(ms) && ms >= 0 ? ms : 700;
  }),
  OUTBOX_TIMER_SECONDS: timerSeconds(30),
  VIP_SESSION_CLEANUP_SECONDS: timerSeconds(3600),
  // Machine credentials
  CRON_SECRET: value(),
  SYSTEM_API_KEY: value(),
  ADMIN_API_KEY: value(),
  // Review requests
  REVIEW_REQUEST_DELAY_MINUTES: wholeNumber(60),
  REVIEW_REQUEST_MAX_AGE_HOURS: wholeNumber(72),
  REVIEW_REQUEST_TIMER_SECONDS: timerSeconds(300),
  REVIEW_URL: text(),
  // Lucky draw
  NEXT_PUBLIC_LIFF_ID: textOr(''),
  LINE_LIFF_CHANNEL_ID: value(),
  LINE_LIFF_CHANNEL_SECRET: value(),
  LINE_JWKS_URL: value(),
  // Notifications
  PUBLIC_BASE_URL: text(),
  SMTP_URL: text(),
  EMAIL_FROM: text(),
  SMTP_TIMEOUT_MS: providerTimeout(),
  GOOGLE_SERVICE_ACCOUNT_JSON: text(),
  GOOGLE_SERVICE_ACCOUNT_EMAIL: text(),
  GOOGLE_PRIVATE_KEY: text(),
  GOOGLE_CALENDAR_ID_DEFAULT: text(),
  GOOGLE_CALENDAR_TIMEOUT_MS: providerTimeout(),
  GOOGLE_CALENDAR_API_ROOT_URL: text(),
  GOOGLE_OAUTH_TOKEN_URL: text(),
  LINE_CHANNEL_ACCESS_TOKEN: text(),
  LINE_STAFF_GROUP_ID: text(),
  LINE_TIMEOUT_MS: providerTimeout(),
  LINE_API_BASE_URL: text(),
} satisfies Record<string, z.ZodType<unknown, Raw>>;

export type EnvName = keyof typeof variables;
export type EnvValue<N extends EnvName> = z.output<(typeof variables)[N]>;
/** Where variables are read from: process.env, or a test's own object. */
export type EnvSource = Record<string, Raw>;

/** Every variable the app reads. */
export const envNames = Object.keys(variables) as EnvName[];
/** Variables the runtime sets, not a deployment: .env.example does not list them. */
export const runtimeSetNames: readonly EnvName[] = ['NODE_ENV'];

const parsed = new Map<EnvName, { raw: Raw; value: unknown }>();

/**
 * The variable's current value under its rule. Throws `<NAME> <rule>` (e.g.
 * "DB_CONNECT_TIMEOUT_MS must be a positive whole number of milliseconds") when the value
 * breaks it, so the message names the variable to fix.
 */
export function readEnv<N extends EnvName>(name: N, source: EnvSource = process.env): EnvValue<N> {
  const raw = source[name];
  const fromProcess = source === process.env;
  const cached = fromProcess ? parsed.get(name) : undefined;
  if (cached && cached.raw === raw) return cached.value as EnvValue<N>;
  const result = variables[name].safeParse(raw);
  if (!result.success) throw new Error(`${name} ${result.error.issues[0]?.message ?? 'is not valid'}`);
  if (fromProcess) parsed.set(name, { raw, value: result.data });
  return result.data as EnvValue<N>;
}
