import { venueBrand } from './brand';

/**
 * What is left of adding Thai names from the cached brand by English name (#15 item 5): the
 * SQL answers carry their own now (migration 20261202130000 and the availability and member
 * bookings ones), and this module goes once its last callers have moved.
 */

const lookup = (entries: { name: string; nameTh: string | null }[]) => {
  const byName = new Map(entries.map((entry) => [entry.name, entry.nameTh]));
  return (name: string) => byName.get(name) ?? null;
};

/** `items` with the Thai name of the bay each names (`bay` field) as `bayTh`. */
export async function withBayTh<T extends { bay: string }>(items: T[]): Promise<(T & { bayTh: string | null })[]> {
  const bay = lookup((await venueBrand()).bays);
  return items.map((item) => ({ ...item, bayTh: bay(item.bay) }));
}

/** `items` with the Thai name of each package (`packageName`) as `packageNameTh`. */
export async function withPackageNameTh<T extends { packageName: string | null }>(items: T[]): Promise<(T & { packageNameTh: string | null })[]> {
  const name = lookup((await venueBrand()).packages);
  return items.map((item) => ({ ...item, packageNameTh: item.packageName === null ? null : name(item.packageName) }));
}
