import { z } from 'zod';

/** Separators people type between digits: spaces, brackets, dots and dashes. */
const SEP = '[ ().-]*';
/** `count` digits, each after optional separators. */
const digits = (count: string) => `(?:${SEP}\\d)${count}`;

/**
 * Exactly the phone numbers the API accepts, as one pattern (also the OpenAPI document's):
 * Thai numbers as dialled locally (0812345678, 02-123-4567: 0 then 8 or 9 digits), with the
 * country code but no + (66 then 9 digits), or with +66 (8 or 9 digits after it, never a
 * leading 0); any other country as + and 8 to 15 digits. Surrounding white space is ignored.
 */
export const PHONE_PATTERN = new RegExp(
  `^\\s*(?:${SEP}0${SEP}[1-9]${digits('{7,8}')}` +
    `|${SEP}6${SEP}6${SEP}[1-9]${digits('{8}')}` +
    `|\\+${SEP}6${SEP}6${SEP}[1-9]${digits('{7,8}')}` +
    // Not 66 after the +: those are the Thai numbers above. No lookahead, so test tools can generate from it.
    `|\\+${SEP}(?:[1-57-9]${digits('{7,14}')}|6${SEP}[0-57-9]${digits('{6,13}')}))${SEP}\\s*$`,
);

/**
 * Phone numbers as E.164 (+66812345678), or null for anything PHONE_PATTERN refuses.
 * Thai numbers are accepted as dialled locally (0812345678, 02-123-4567) or with the
 * country code; others need their + prefix.
 */
export function toE164(input: string): string | null {
  if (!PHONE_PATTERN.test(input)) return null;
  const trimmed = input.trim();
  const digitsOnly = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+') || digitsOnly.startsWith('66')) return `+${digitsOnly}`;
  return `+66${digitsOnly.slice(1)}`;
}

/** A phone number in a request: refused unless PHONE_PATTERN matches (so the document says so), then E.164. */
export const phoneNumberField = (requiredMessage: string) =>
  z
    .string({ error: requiredMessage })
    .regex(PHONE_PATTERN, 'Phone must be a Thai number (0812345678) or start with +country code')
    .transform((value) => toE164(value) ?? value);
