import type { Locale } from './messages';

/**
 * The one rule for data stored in both languages (bay, package, campaign and prize names and
 * descriptions, the venue's name and address): Thai when the visitor or the booking's
 * customer chose Thai and a Thai text is stored, else the English one, which is required.
 * Pure: pages, emails and LINE texts all pick through it.
 */
export function localizedName(locale: Locale, english: string, thai: string | null | undefined): string {
  if (locale === 'th' && typeof thai === 'string' && thai.trim() !== '') return thai;
  return english;
}

/** A record's name (and Thai name) in the chosen language: `{ name, nameTh }` as the API answers it. */
export const localizedField = (locale: Locale, record: { name: string; nameTh?: string | null }): string =>
  localizedName(locale, record.name, record.nameTh);
