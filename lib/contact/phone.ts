import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';

/** Where a number without a + is dialled: the venue is in Bangkok. */
const DEFAULT_COUNTRY = 'TH';

/**
 * The longest way of writing a number the API reads: E.164 has at most 15 digits, plus a
 * national prefix, a + and separators ("+66 (0) 81 234 5678" is 19). It also bounds the work.
 */
export const PHONE_MAX_LENGTH = 32;

/**
 * How a phone number may be written (also the OpenAPI document's pattern): an optional +,
 * then 6 to 17 digits with spaces, brackets, dots or dashes between them; white space around
 * it is ignored. Only the characters: whether the digits are a number is toE164's question,
 * which no pattern can answer (numbering plans differ per country and change).
 */
export const PHONE_PATTERN = /^\s*\+?[ ().-]*(?:\d[ ().-]*){6,17}\s*$/;

/** The customers table's check on a stored phone number (supabase/schemas/11_customers_and_profiles.sql). */
const STORED_E164 = /^\+[1-9][0-9]{6,14}$/;

/** The last number toE164 read, and its answer. */
let lastRead: { input: string; e164: string | null } | undefined;

/**
 * A phone number as E.164 (+66812345678), or null unless it is a valid number by
 * libphonenumber's full metadata (the digits of a real number range of its country, not only
 * its length): Thai numbers as dialled locally (081 234 5678, 02-123-4567) or with the
 * country code (66…, +66…), any other country with its + prefix. "081-234-567", a digit short
 * of a Thai mobile, is refused; so is anything but digits and separators (letters, "ext").
 */
export function toE164(input: string): string | null {
  // A request's field is checked, then transformed (phoneNumberField): the same number twice in
  // a row, and reading one costs libphonenumber about as much as the rest of the validation.
  if (lastRead?.input === input) return lastRead.e164;
  let e164: string | null = null;
  if (input.length <= PHONE_MAX_LENGTH && PHONE_PATTERN.test(input)) {
    const phone = parsePhoneNumberFromString(input.trim(), DEFAULT_COUNTRY);
    // What the customers table checks (7 to 15 digits): libphonenumber also takes a few longer
    // German numbers and a few 6-digit ones (+98 9686), which the table would refuse with a 500.
    e164 = phone?.isValid() && STORED_E164.test(phone.number) ? phone.number : null;
  }
  lastRead = { input, e164 };
  return e164;
}

/**
 * The digits to look for when someone types part of a phone number into a search box
 * ("081 234", "5678"): the digits without the local trunk 0, so they are found inside the
 * stored E.164 form (+66812345678); null when the text is not only digits and separators.
 */
export function phoneSearchDigits(input: string): string | null {
  const text = input.trim();
  if (!/^[0-9 +().-]+$/.test(text)) return null;
  return text.replace(/[^0-9]/g, '').replace(/^0+/, '') || null;
}

/** Numbers the document shows (and contract tests send): the usual ways of writing valid ones. */
export const PHONE_EXAMPLES = ['0812345678', '081 234 5678', '+66 81 234 5678', '66812345678', '02-123-4567', '+1 202 555 0143', '+44 20 7946 0958'];

const INVALID_PHONE = 'Phone must be a Thai number (0812345678) or start with +country code';

/**
 * A phone number in a request, stored as E.164. The document says what a pattern can
 * (PHONE_PATTERN, PHONE_MAX_LENGTH) and names the rest `format: phone`: a valid number as
 * libphonenumber reads it, Thailand when there is no + (see README, API).
 */
export const phoneNumberField = (requiredMessage: string) =>
  z
    .string({ error: requiredMessage })
    .max(PHONE_MAX_LENGTH, { error: INVALID_PHONE, abort: true })
    .regex(PHONE_PATTERN, { error: INVALID_PHONE, abort: true })
    .refine((value) => toE164(value) !== null, INVALID_PHONE)
    .meta({ format: 'phone', examples: PHONE_EXAMPLES })
    .transform((value) => toE164(value)!);
