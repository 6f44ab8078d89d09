import { venueBrand } from './brand';

/**
 * The Thai names API answers carry beside the English ones (#15 item 5). The SQL functions
 * keep answering the documented English fields; the Thai ones come from the venue's names
 * (public.get_venue_brand, cached in lib/venue/brand.ts), keyed by the English name, and are
 * added here, so every answer adds them the same way. Clients pick with
 * lib/i18n/localized-name.ts.
 */

export interface ThaiNames {
  bay(name: string): string | null;
  package(name: string): string | null;
  campaign(name: string): string | null;
  prize(name: string): { nameTh: string | null; descriptionTh: string | null };
}

const lookup = (entries: { name: string; nameTh: string | null }[]) => {
  const byName = new Map(entries.map((entry) => [entry.name, entry.nameTh]));
  return (name: string) => byName.get(name) ?? null;
};

/** The venue's Thai names, from the cached brand. */
export async function thaiNames(): Promise<ThaiNames> {
  const brand = await venueBrand();
  const prizes = new Map(brand.prizes.map((prize) => [prize.name, prize]));
  return {
    bay: lookup(brand.bays),
    package: lookup(brand.packages),
    campaign: lookup(brand.campaigns),
    prize: (name) => {
      const prize = prizes.get(name);
      return { nameTh: prize?.nameTh ?? null, descriptionTh: prize?.descriptionTh ?? null };
    },
  };
}

/** `items` with the Thai name of the bay each names (`bay` field) as `bayTh`. */
export async function withBayTh<T extends { bay: string }>(items: T[]): Promise<(T & { bayTh: string | null })[]> {
  const names = await thaiNames();
  return items.map((item) => ({ ...item, bayTh: names.bay(item.bay) }));
}

/** `items` with the Thai name of each package (`packageName`) as `packageNameTh`. */
export async function withPackageNameTh<T extends { packageName: string | null }>(items: T[]): Promise<(T & { packageNameTh: string | null })[]> {
  const names = await thaiNames();
  return items.map((item) => ({ ...item, packageNameTh: item.packageName === null ? null : names.package(item.packageName) }));
}

/** A prize answer (spin, desk lookup) with its Thai name and description beside `name` and `description`. */
export async function withPrizeTh<T>(item: T, name: (item: T) => string): Promise<T & { nameTh: string | null; descriptionTh: string | null }> {
  return { ...item, ...(await thaiNames()).prize(name(item)) };
}

/** A day sheet with its bays' and bookings' bays and packages named in Thai too. */
export async function withDaySheetTh<S extends { bays: { name: string }[]; bookings: { bay: string; package: string | null }[] }>(sheet: S): Promise<S> {
  const names = await thaiNames();
  return {
    ...sheet,
    bays: sheet.bays.map((bay) => ({ ...bay, nameTh: names.bay(bay.name) })),
    bookings: sheet.bookings.map((booking) => ({ ...booking, bayTh: names.bay(booking.bay), packageTh: booking.package === null ? null : names.package(booking.package) })),
  };
}
