import { readEnv } from '@/lib/config/env';
import { localizedName } from '@/lib/i18n/localized-name';
import type { Locale } from '@/lib/i18n/messages';
import { type VenueBrand, venueBrand } from '@/lib/venue/brand';

/**
 * The venue as customers see it in emails, LINE messages and calendar invitations: the brand
 * (name, address, phone, LINE ID) from public.venue_settings (lib/venue/brand.ts), read anew
 * for every message so a change shows in the next one, in the message's language; the app's
 * URLs from PUBLIC_BASE_URL.
 */
export interface VenueDetails {
  name: string;
  address: string;
  phone: string;
  lineId: string | undefined;
  /** The app's public base URL (PUBLIC_BASE_URL), without a trailing slash. */
  baseUrl: string;
  /** Where signed-in members list their bookings (a booking's own manage link: lib/bookings/manage-links.ts). */
  manageBookingsUrl: string;
  /** Right-hand side of Message-IDs and calendar UIDs: the app's host name. */
  domain: string;
}

export type AppUrls = Pick<VenueDetails, 'baseUrl' | 'manageBookingsUrl' | 'domain'>;

/** The app's URLs from PUBLIC_BASE_URL (else NEXTAUTH_URL, else http://localhost:3000), read at call time. */
export function appUrls(): AppUrls {
  const baseUrl = (readEnv('PUBLIC_BASE_URL') ?? readEnv('NEXTAUTH_URL')?.trim() ?? 'http://localhost:3000').replace(/\/+$/, '');
  let domain = 'localhost';
  try {
    domain = new URL(baseUrl).hostname || domain;
  } catch {
    throw new Error('PUBLIC_BASE_URL must be an absolute URL, e.g. https://book.example.com');
  }
  return { baseUrl, manageBookingsUrl: `${baseUrl}/vip/bookings`, domain };
}

const detailsOf = (brand: VenueBrand, locale: Locale): VenueDetails => ({
  name: localizedName(locale, brand.name, brand.nameTh),
  address: localizedName(locale, brand.address, brand.addressTh),
  phone: brand.phone,
  lineId: brand.lineId ?? undefined,
  ...appUrls(),
});

/** The venue in `locale` (Thai texts fall back to English): `brand` when given, else read from the database now. */
export async function venueDetails(locale: Locale = 'en', brand?: VenueBrand): Promise<VenueDetails> {
  return detailsOf(brand ?? (await venueBrand({ fresh: true })), locale);
}

/** What a booking's message names, in English and (when stored) in Thai: its notice's fields. */
interface NamedNotice {
  bay: string;
  bayTh?: string | null;
  packageName: string | null;
  packageNameTh?: string | null;
  locale: Locale;
}

/**
 * A booking's message context in the customer's language (the booking's `locale`): the venue,
 * and the notice with its bay and package named in that language (Thai falls back to
 * English). One read of the brand per message, unless the job came with the brand (JobAttempt.brand).
 */
export async function messageContext<T extends NamedNotice>(notice: T, given?: VenueBrand): Promise<{ venue: VenueDetails; notice: T }> {
  const brand = given ?? (await venueBrand({ fresh: true }));
  const { locale } = notice;
  return {
    venue: detailsOf(brand, locale),
    notice: {
      ...notice,
      bay: localizedName(locale, notice.bay, notice.bayTh),
      packageName: notice.packageName === null ? null : localizedName(locale, notice.packageName, notice.packageNameTh),
    },
  };
}

