import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHONE_PATTERN, toE164 } from '@/lib/contact/phone';

/** The dialling rules step by step, as a reference the one pattern must agree with. */
function reference(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[0-9 ().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  let e164: string;
  if (trimmed.startsWith('+')) e164 = `+${digits}`;
  else if (digits.startsWith('66') && digits.length === 11) e164 = `+${digits}`;
  else if (digits.startsWith('0') && (digits.length === 9 || digits.length === 10)) e164 = `+66${digits.slice(1)}`;
  else return null;
  if (e164.startsWith('+66')) return /^\+66[1-9][0-9]{7,8}$/.test(e164) ? e164 : null;
  return /^\+[1-9][0-9]{7,14}$/.test(e164) ? e164 : null;
}

/** Strings near the edge of the rules: digits (often 0 and 6), separators, +, white space, other characters. */
const phoneLike = fc
  .array(fc.constantFrom('0', '6', '6', '1', '8', '9', '5', ' ', '-', '(', ')', '.', '+', '\t', '\u00a0', 'x', '\n'), { maxLength: 22 })
  .map((parts) => parts.join(''));
const digitRuns = fc.tuple(fc.constantFrom('', '+', ' +', '0', '66', '+66', '+660', '+1', '(', ' '), fc.stringMatching(/^[0-9]{6,16}$/), fc.constantFrom('', ' ', '-', ')', '\t'))
  .map(([head, body, tail]) => `${head}${body}${tail}`);
const separated = fc
  .tuple(
    fc.constantFrom('', '+', ' ', '\t'),
    fc.array(fc.tuple(fc.constantFrom('', '', ' ', '-', '(', ')', '.', '\t'), fc.constantFrom('0', '6', '6', '1', '8', '9')), { minLength: 6, maxLength: 17 }),
  )
  .map(([head, pairs]) => head + pairs.map(([separator, digit]) => separator + digit).join(''));

describe('phone numbers', () => {
  it('turns the usual ways of writing a number into E.164', () => {
    expect(toE164('0812345678')).toBe('+66812345678');
    expect(toE164('081-234-5678')).toBe('+66812345678');
    expect(toE164(' +66 81 234 5678 ')).toBe('+66812345678');
    expect(toE164('66812345678')).toBe('+66812345678');
    expect(toE164('(02) 123-4567')).toBe('+6621234567');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    for (const refused of ['', '+', '12345', '+660812345678', '0012345678', '081234567890', '+0123456789', '081\t2345678', '0812345678x', '- +66812345678']) {
      expect(toE164(refused), refused).toBeNull();
    }
  });

  it('accepts exactly what the dialling rules accept, so the documented pattern is the whole rule', () => {
    fc.assert(
      fc.property(fc.oneof(phoneLike, digitRuns, separated, fc.string()), (input) => {
        expect(toE164(input)).toBe(reference(input));
        expect(PHONE_PATTERN.test(input)).toBe(reference(input) !== null);
      }),
      { numRuns: 20_000 },
    );
  });
});
