import { cookies } from 'next/headers';
import { defaultLocale, isLocale, type Locale } from '@/lib/i18n/messages';

export const LOCALE_COOKIE = 'locale';

/** The visitor's chosen language (cookie `locale`), English by default. Server components only. */
export async function currentLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : defaultLocale;
}
