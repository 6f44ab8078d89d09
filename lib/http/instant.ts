import { z } from 'zod';

/**
 * An ISO 8601 instant with a time zone offset (`2026-06-15T10:00:00+07:00`) written in the
 * years 2000 to 2100, the span of the venue's dates (VenueDate); zod's pattern already
 * refuses days that do not exist. PostgreSQL would refuse year 0 with a bare error, and no
 * booking, sale or reminder is that far away. Both rules are patterns, so the OpenAPI
 * document states exactly what is accepted.
 */
export const isoInstant = (message: string) =>
  z.iso
    .datetime({ offset: true, message })
    .regex(/^(?:20\d{2}|2100)-/, message)
    // Two patterns make zod drop the format keyword; state it again.
    .meta({ format: 'date-time' });
