/**
 * The `error` a refused credentials sign-in answers with (NextAuth passes the thrown message
 * on), shared by the providers (lib/auth/options.ts) and the login form, which says which
 * field it is about. No server-only imports: the browser reads it.
 */

/** A refused guest sign-in: this prefix, then the fields that were wrong (`GuestInvalid:email,phone`). */
export const GUEST_INVALID = 'GuestInvalid:';

/** The fields a refused guest sign-in names. */
export function guestInvalidFields(error: string | null | undefined): string[] {
  return error?.startsWith(GUEST_INVALID) ? error.slice(GUEST_INVALID.length).split(',').filter(Boolean) : [];
}

/** Why an emailed code did not sign in. */
export type EmailCodeFailure = 'EmailCodeWrong' | 'EmailCodeExpired' | 'EmailCodeRateLimited' | 'EmailCodeInvalidInput';
