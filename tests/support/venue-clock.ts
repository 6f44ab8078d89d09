import { sql } from './sql';

/**
 * The venue clock of this file's database, under the test's control: while frozen,
 * app_private.clock_now() (and so venue_now() and every booking rule) reads `at` instead of
 * now(). Other files have their own databases; a test thaws the clock in `finally`.
 */
export async function freezeVenueClock(at: string | Date): Promise<void> {
  await sql(
    `insert into app_private.frozen_clock (frozen_at) values ($1)
     on conflict (id) do update set frozen_at = excluded.frozen_at`,
    [at instanceof Date ? at.toISOString() : at],
  );
}

export async function thawVenueClock(): Promise<void> {
  await sql('delete from app_private.frozen_clock');
}

/** A Bangkok wall-clock moment, `YYYY-MM-DD` + `HH:mm[:ss]`, as an instant. */
export const bangkok = (date: string, time: string) => new Date(`${date}T${time.length === 5 ? `${time}:00` : time}+07:00`);

/** Opens the venue around the clock, with prices for the night hours; returns the undo. */
export async function openAroundTheClock(): Promise<() => Promise<void>> {
  await sql(`update public.opening_hours set opens = '00:00', closes = '24:00'`);
  await sql(`insert into public.price_rules (bay_id, day_type, band, starts, ends, price_per_hour)
             select b.id, d.day_type, 'off_peak', n.starts, n.ends, 400
             from public.bays b
             cross join (values ('weekday'), ('weekend')) d(day_type)
             cross join (values (time '00:00', time '10:00'), (time '23:00', time '24:00')) n(starts, ends)`);
  return async () => {
    await sql(`delete from public.price_rules where price_per_hour = 400`);
    await sql(`update public.opening_hours set opens = '10:00', closes = '23:00'`);
  };
}
