'use client';

import { createContext, type ReactNode, useContext } from 'react';
import { localizedName } from '@/lib/i18n/localized-name';
import { defaultLocale, type Locale } from '@/lib/i18n/messages';

/**
 * The visitor's language for data names (bays, packages, prizes) deep in client components
 * that get no `locale` prop: app/layout.tsx provides it, LocalizedName picks with the one
 * helper (lib/i18n/localized-name.ts).
 */
const LocaleContext = createContext<Locale>(defaultLocale);

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

/** The picker in the visitor's language, for a name that goes into a text (a heading's message). */
export function useLocalizedName(): (name: string, nameTh?: string | null) => string {
  const locale = useContext(LocaleContext);
  return (name, nameTh) => localizedName(locale, name, nameTh);
}

/** A name stored in both languages, in the visitor's: Thai when chosen and stored, else English. */
export function LocalizedName({ name, nameTh }: { name: string; nameTh?: string | null }) {
  return <>{useLocalizedName()(name, nameTh)}</>;
}
