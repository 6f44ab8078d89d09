import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PHONE_EXAMPLES, PHONE_MAX_LENGTH, PHONE_PATTERN, phoneNumberField, phoneSearchDigits, toE164 } from '@/lib/contact/phone';

/** Strings near the edge of the rules: digits (often 0 and 6), separators, +, white space, other characters. */
const phoneLike = fc
  .array(fc.constantFrom('0', '6', '6', '1', '8', '9', '5', ' ', '-', '(', ')', '.', '+', '\t', '\u00a0', 'x', '\n'), { maxLength: 22 })
  .map((parts) => parts.join(''));
const digitRuns = fc.tuple(fc.constantFrom('', '+', ' +', '0', '66', '+66', '+660', '+1', '(', ' '), fc.stringMatching(/^[0-9]{6,16}$/), fc.constantFrom('', ' ', '-', ')', '\t'))
  .map(([head, body, tail]) => `${head}${body}${tail}`);

describe('phone numbers', () => {
  it('turns the usual ways of writing a valid number into E.164', () => {
    expect(toE164('0812345678')).toBe('+66812345678');
    expect(toE164('081-234-5678')).toBe('+66812345678');
    expect(toE164(' +66 81 234 5678 ')).toBe('+66812345678');
    expect(toE164('66812345678')).toBe('+66812345678');
    expect(toE164('+66 (0) 81 234 5678')).toBe('+66812345678');
    expect(toE164('(02) 123-4567')).toBe('+6621234567');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164('+1 202 555 0143')).toBe('+12025550143');
    expect(toE164('+1 (202) 555-0143')).toBe('+12025550143');
    expect(toE164('+65 9100 0004')).toBe('+6591000004');
  });

  it('refuses numbers that are not valid numbers of their country, and anything but digits and separators', () => {
    // A digit short of a Thai mobile (the old rule took it: 0 then 8 digits).
    expect(toE164('081-234-567')).toBeNull();
    // The old rule took any + with 8 to 15 digits: these are no country's numbers.
    for (const refused of ['+999 1234 5678', '+1 123 456 7890', '+44 12345678', '+66 51 234 5678', '+1 555 123 4567']) expect(toE164(refused), refused).toBeNull();
    for (const refused of ['', '+', '12345', '0012345678', '081234567890', '+0123456789', '081\t2345678', '0812345678x', '- +66812345678', '081-234-5678 ext 9', 'tel:+66812345678', '+6681234567８', '0212345678']) {
      expect(toE164(refused), refused).toBeNull();
    }
    expect(toE164(`0812345678${' '.repeat(PHONE_MAX_LENGTH)}`)).toBeNull();
    // Valid by libphonenumber, but shorter than the customers table takes (found by the property below).
    expect(toE164('+989686')).toBeNull();
  });

  it('every number it takes is written as PHONE_PATTERN says, within PHONE_MAX_LENGTH, and E.164 that reads back as itself', () => {
    fc.assert(
      fc.property(fc.oneof(phoneLike, digitRuns, fc.string()), (input) => {
        const e164 = toE164(input);
        if (e164 === null) return;
        expect(PHONE_PATTERN.test(input)).toBe(true);
        expect(input.length).toBeLessThanOrEqual(PHONE_MAX_LENGTH);
        expect(e164).toMatch(/^\+[1-9][0-9]{6,14}$/);
        expect(toE164(e164)).toBe(e164);
      }),
      { numRuns: 20_000 },
    );
  });

  it('the request field stores E.164 and refuses an invalid number with the field message', () => {
    const field = phoneNumberField('Phone is required');
    for (const example of PHONE_EXAMPLES) expect(field.safeParse(example).data, example).toBe(toE164(example));
    expect(field.safeParse('081-234-567').error?.issues.map((issue) => issue.message)).toEqual(['Phone must be a Thai number (0812345678) or start with +country code']);
    expect(field.safeParse(undefined).error?.issues[0]?.message).toBe('Phone is required');
  });

  it('reads part of a number typed into a search box as the digits found inside its E.164 form', () => {
    expect(phoneSearchDigits('081 234')).toBe('81234');
    expect(phoneSearchDigits(' 5678 ')).toBe('5678');
    expect(phoneSearchDigits('+66 81-234')).toBe('6681234');
    expect(phoneSearchDigits('(02) 123.4567')).toBe('21234567');
    for (const text of ['Somchai', '081x234', 'BK2612', '', '0', '  ']) expect(phoneSearchDigits(text), JSON.stringify(text)).toBeNull();
    // Whatever it returns is digits only, and what E.164 stores of a local number contains it.
    fc.assert(
      fc.property(phoneLike, (text) => {
        const digits = phoneSearchDigits(text);
        if (digits !== null) expect(digits).toMatch(/^[1-9][0-9]*$/);
        const e164 = toE164(text);
        if (e164 !== null && digits !== null && !text.includes('+') && !/^\s*66/.test(text)) expect(e164).toContain(digits);
      }),
    );
  });
});
