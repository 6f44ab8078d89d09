import { z } from 'zod';

/** The instants the API accepts span the venue's dates (VenueDate): 2000 to 2100. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2101, 0, 1);

/**
 * An ISO 8601 instant with a time zone offset (`2026-06-15T10:00:00+07:00`) between 2000 and
 * 2100 (zod's pattern already refuses days that do not exist); PostgreSQL would refuse year 0
 * with a bare error, and no booking, sale or reminder is that far away.
 */
export const isoInstant = (message: string) =>
  z.iso.datetime({ offset: true, message }).refine((value) => {
    const time = Date.parse(value);
    return time >= EARLIEST && time < LATEST;
  }, message);
