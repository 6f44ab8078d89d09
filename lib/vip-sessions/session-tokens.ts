import { createHash, randomBytes } from 'node:crypto';
import { DbError } from '../db/errors';

/**
 * VIP session tokens. A real token is 32 random bytes as 64 lowercase hex characters: the
 * guest keeps it, the database keeps only its SHA-256. A demo token is `demo_<unix seconds>`
 * of its creation: not a secret, and it opens nothing.
 */

/** A new session token from the operating system's cryptographic generator. */
export const newSessionToken = (): string => randomBytes(32).toString('hex');

/** Whether `value` has the shape of a real session token. */
export const isSessionToken = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

/** SHA-256 of the token's text, as hex: the only form of a token the database ever sees. */
export const hashSessionToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The demo token of a demo session created at `issuedAt` (unix seconds). */
export const demoToken = (issuedAt: number): string => `demo_${issuedAt}`;

/** The creation time (unix seconds) a demo token carries, or null when it is not a demo token. */
export function demoIssuedAt(token: string): number | null {
  const match = /^demo_([0-9]{1,11})$/.exec(token);
  return match ? Number(match[1]) : null;
}

/**
 * An unexpected failure of a database call about a token, in a form safe to log: the first 8
 * characters of the token's hash and the database's message, never the token, its full hash,
 * or the failing row a database error's detail would show.
 */
export function tokenCallFailed(call: string, tokenHash: string, error: unknown): Error {
  const reason = error instanceof DbError ? `${error.code} ${error.message}` : error instanceof Error ? error.message : String(error);
  return new Error(`${call} failed (token sha256 ${tokenHash.slice(0, 8)}…): ${reason}`);
}
