import type { AvailabilityResult, AvailabilitySlot, SlotStatus } from '@/lib/db/functions';
import type { MessageKey } from '@/lib/i18n/messages';

/**
 * How a slot of GET /api/availability reads on screen, for the home grid and the booking form.
 * Its own module, free of the booking rules' phone and schema imports, so the home page does
 * not ship libphonenumber and zod to say "Free" or "Taken" (the JS budget of the home page).
 */

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The word a slot shows: Free, or why it cannot be booked (the answer's status, as the booking rules decide it). */
export const slotLabel: Record<SlotStatus, MessageKey> = {
  open: 'free',
  taken: 'taken',
  past: 'slotPast',
  too_soon: 'slotTooSoon',
  members_only: 'slotMembersOnly',
  beyond_horizon: 'slotNotYetOpen',
  not_priced: 'slotUnavailable',
};

export { formatBaht } from '@/lib/i18n/format-baht';

/** Whether a slot's price is worth showing: only where someone can still book it. */
export const showsPrice = (slot: AvailabilitySlot) => slot.price !== null && (slot.status === 'open' || slot.status === 'members_only');

/**
 * Why a day that has hours offers none to book, when the rules are the reason: a past day,
 * one beyond the horizon, one only members can book yet, or today's last hours inside the
 * minimum notice. Null when some hour is open or the day is simply taken.
 */
export function dayRuleNotice(data: AvailabilityResult, t: Translate): string | null {
  const slots = data.availableSlots;
  if (!slots.length || slots.some((slot) => slot.available)) return null;
  if (slots.every((slot) => slot.status === 'past')) return t('pastDate');
  if (slots.every((slot) => slot.status === 'beyond_horizon')) return t('beyondHorizon', { date: data.memberBookableUntil });
  if (slots.some((slot) => slot.status === 'members_only')) return t('membersOnlyDay', { date: data.bookableUntil });
  if (slots.some((slot) => slot.status === 'too_soon')) return t('tooSoonToday', { time: data.bookableFrom.slice(11) });
  return null;
}
