/**
 * A prize's redemption code: LG and 8 characters without the look-alikes 0/O, 1/I (the spin's
 * SQL draws from this alphabet). Pure, shared by the schemas, the desk's form and its scanner.
 */
export const REDEMPTION_CODE = /^LG[2-9A-HJ-NP-Z]{8}$/;

/** The code a typed or scanned text carries (any case, spaces around), or null. */
export function redemptionCodeIn(text: string): string | null {
  const code = text.trim().toUpperCase();
  return REDEMPTION_CODE.test(code) ? code : null;
}
