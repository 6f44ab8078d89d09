import { addDays, venueToday } from '../../lib/venue/venue-clock';

/**
 * The specs that need a bookable evening "today" (a walk-in, a check-in: the rules allow them on
 * the venue's today only) run last, alone, with the venue clock frozen at noon of the day after
 * the real one (venue-clock.setup.ts, playwright.config.ts project "today"). Run in the evening
 * on the real clock, the day had no free hours left; the day after's noon is still ahead of the
 * real clock, so what follows the database's now() (manage links, a member's upcoming bookings)
 * agrees with the frozen venue clock.
 */
export const FROZEN_VENUE_DAY = addDays(venueToday(), 1);
/** Noon at the venue (UTC+7, no daylight saving) on FROZEN_VENUE_DAY. */
export const FROZEN_VENUE_INSTANT = `${FROZEN_VENUE_DAY}T12:00:00+07:00`;
/** The specs the "today" project runs (relative to tests/e2e). */
export const TODAY_SPECS = ['front-desk.spec.ts', 'staff-day-sheet.spec.ts'];
