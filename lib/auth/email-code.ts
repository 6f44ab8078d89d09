import { z } from 'zod';
import { rpc, serviceCaller } from '../db';
import { clientAddress } from '../http/client-key';
import { defineContract } from '../http/contract';
import { enforceRateLimit, releaseRateLimitHit } from '../http/rate-limit';
import { deliverInline } from '../outbox/inline-delivery';
import { MAX_EMAIL } from '../venue/booking-rules';
import type { EmailCodeFailure } from './sign-in-errors';

/**
 * Signing in by an emailed one-time code: proof that the person reads the address. The code
 * request route emails a 6-digit code (SQL keeps only its hash, 10 minutes, 5 tries, one use);
 * the NextAuth `email-code` provider (lib/auth/options.ts) checks it and signs the person in to
 * the profile of that address, with the email marked verified in the session.
 */

export const EmailCodeEmail = z
  .string({ error: 'Email is required' })
  .trim()
  .max(MAX_EMAIL, 'Email is too long')
  .check(z.email({ error: 'Invalid email format' }))
  .transform((email) => email.toLowerCase());

export const EmailCodeRequest = z.object({
  email: EmailCodeEmail,
  locale: z.enum(['en', 'th']).default('en').describe('The language of the email'),
});

export const EmailCodeRequested = z.object({
  message: z.string(),
  expiresAt: z.string().describe('When the code stops working (ISO 8601, UTC)'),
});

// POST /api/auth/email-code
export const emailCodeContract = defineContract({
  method: 'POST',
  path: '/api/auth/email-code',
  summary: 'Email a one-time sign-in code to an address (the answer is the same for every address)',
  tag: 'Auth',
  auth: 'none',
  rateLimit: 'emailCodeClient',
  body: EmailCodeRequest,
  response: EmailCodeRequested,
  successStatus: 202,
  errors: ['VALIDATION_ERROR', 'RATE_LIMIT_EXCEEDED', 'SERVICE_UNAVAILABLE'],
});

/**
 * Emails a new code to the address (its earlier codes stop working). Every address gets one
 * and the same answer, so nobody learns whether anyone signed in with it before; at most
 * emailCodeAddress codes per address, so nobody floods one inbox.
 */
export async function requestEmailSignInCode(email: string, locale: 'en' | 'th') {
  await enforceRateLimit('emailCodeAddress', `email:${email}`);
  const { expiresAt } = await rpc('request_email_sign_in_code', { p_email: email, p_locale: locale }, serviceCaller);
  // The code email is a job without a booking: the processor picks it up with any due job.
  await deliverInline({ limit: 5 }, 'email-code: inline delivery of the code email');
  return { message: 'If this address can receive email, a sign-in code is on its way.', expiresAt };
}

export class EmailCodeError extends Error {
  constructor(readonly failure: EmailCodeFailure) {
    super(failure);
    this.name = 'EmailCodeError';
  }
}

const EmailCodeCredentials = z.object({ email: EmailCodeEmail, code: z.string().trim().regex(/^[0-9]{6}$/) });

/**
 * Checks a sign-in code for the `email-code` provider: the profile id and verified email, or an
 * EmailCodeError. Each check is counted per client address before the code is compared and
 * given back when it was right, so only wrong guesses stay counted (as lib/http/credentials.ts
 * throttles secrets); past the limit no code is compared.
 */
export async function verifyEmailSignInCode(credentials: unknown, headers: Headers): Promise<{ profileId: string; email: string }> {
  const parsed = EmailCodeCredentials.safeParse(credentials);
  if (!parsed.success) throw new EmailCodeError('EmailCodeInvalidInput');
  const client = `ip:${clientAddress(new Request('http://email-code.invalid/', { headers }))}`;
  try {
    await enforceRateLimit('emailCodeVerifyClient', client);
  } catch {
    throw new EmailCodeError('EmailCodeRateLimited');
  }
  const result = await rpc('verify_email_sign_in_code', { p_email: parsed.data.email, p_code: parsed.data.code }, serviceCaller);
  if (result.outcome === 'code_invalid') throw new EmailCodeError(result.attemptsLeft === undefined ? 'EmailCodeExpired' : 'EmailCodeWrong');
  await releaseRateLimitHit('emailCodeVerifyClient', client);
  return { profileId: result.profileId, email: result.email };
}
