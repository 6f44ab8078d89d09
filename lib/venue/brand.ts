import { anonCaller, databaseNotices, rpc } from '../db';
import type { ChannelListener } from '../db/notifications';
import { localizedName } from '../i18n/localized-name';
import type { Locale } from '../i18n/messages';
import type { VenueBrandRecord } from './brand-record';

/**
 * The venue's one brand (name, address, phone, LINE ID, logo, colours) and the Thai names of
 * its bays and packages, from public.venue_settings and those tables through
 * public.get_venue_brand (migrations 20261202009300, 20261202130200). Pages, tab titles,
 * emails, calendar invitations and LINE texts all read it here.
 *
 * Cached per app instance: on the pg transports the copy is dropped by the 'venue_brand'
 * notice of every change and serves while the LISTEN connection is current; otherwise (the
 * Supabase transport, or notices not current) it serves for BRAND_TTL_MS. Messages pass
 * `fresh` and read the row itself: a change must show in the very next email, and a job is
 * one query more on a background path. A page's read that fails (the database away for a
 * moment) gets the last copy this instance read, so the layout does not take every page down.
 */
export type VenueBrand = VenueBrandRecord;

/** The migration's NOTIFY channel; the payload (the changed table) does not matter. */
const CHANNEL = 'venue_brand';
/** How long a copy serves when notices cannot prove it current. */
const BRAND_TTL_MS = 30_000;

let cached: { brand: VenueBrand; readAt: number } | undefined;
/** The newest copy read, kept through notices: what a page shows when a read fails. */
let lastRead: VenueBrand | undefined;
let changes = 0;

const notices: ChannelListener = {
  notified() {
    cached = undefined;
    changes++;
  },
  reset() {
    cached = undefined;
    changes++;
  },
};

export async function venueBrand(options: { fresh?: boolean } = {}): Promise<VenueBrand> {
  try {
    return await readBrand(options.fresh ?? false);
  } catch (error) {
    if (options.fresh || !lastRead) throw error;
    return lastRead;
  }
}

async function readBrand(fresh: boolean): Promise<VenueBrand> {
  const subscription = await databaseNotices(CHANNEL, notices);
  if (cached && !fresh) {
    if (subscription?.isCurrent() || performance.now() - cached.readAt < BRAND_TTL_MS) return cached.brand;
  }
  const before = changes;
  const brand = await rpc('get_venue_brand', {}, anonCaller);
  lastRead = brand;
  // A notice that arrived meanwhile may be about a change this read did not see.
  if (changes === before) cached = { brand, readAt: performance.now() };
  return brand;
}

/** The venue's name in `locale` (Thai falls back to English): tab titles, headers, messages. */
export async function brandName(locale: Locale = 'en'): Promise<string> {
  const brand = await venueBrand();
  return localizedName(locale, brand.name, brand.nameTh);
}
