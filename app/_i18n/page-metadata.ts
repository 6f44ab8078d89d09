import type { Metadata } from 'next';
import { translate, type MessageKey } from '@/lib/i18n/messages';
import { currentLocale } from './current-locale';

/**
 * A page's `generateMetadata`: its tab title in the visitor's language (the root layout's
 * title template adds the venue's name), plus any other metadata the page sets.
 */
export function titled(key: MessageKey, metadata: Omit<Metadata, 'title'> = {}): () => Promise<Metadata> {
  return async () => ({ ...metadata, title: translate(await currentLocale(), key) });
}
