/**
 * Phone numbers as E.164 (+66812345678). Thai numbers are accepted as dialled locally
 * (0812345678, 02-123-4567) or with the country code; others need their + prefix.
 */
export function toE164(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[0-9 ().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  let e164: string;
  if (trimmed.startsWith('+')) e164 = `+${digits}`;
  else if (digits.startsWith('66') && digits.length === 11) e164 = `+${digits}`;
  else if (digits.startsWith('0') && (digits.length === 9 || digits.length === 10)) e164 = `+66${digits.slice(1)}`;
  else return null;
  // Thai numbers: +66 and 8 (landline) or 9 (mobile) digits, never a leading 0 after the code.
  if (e164.startsWith('+66')) return /^\+66[1-9][0-9]{7,8}$/.test(e164) ? e164 : null;
  return /^\+[1-9][0-9]{7,14}$/.test(e164) ? e164 : null;
}
