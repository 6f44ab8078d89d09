import type { AvailabilitySlot } from '@/lib/db/functions';
import type { DayBay, Translate } from './day-bays';
import { formatBaht, showsPrice, slotLabel } from './slot-status';

/**
 * Colours of a slot, each text at WCAG AA on its background (4.5:1 or more): free is dark
 * green on light green (10:1), every other status slate-700 on slate-100 (9:1; the old
 * slate-400 was 2.3:1).
 */
export const slotColours = (available: boolean) => (available ? 'bg-turf-100 text-turf-900' : 'bg-slate-100 text-slate-700');

/** A slot's status word and, where it can still be booked, its hourly price. */
export function SlotText({ slot, t }: { slot: AvailabilitySlot; t: Translate }) {
  return (
    <>
      <span className="block font-medium">{t(slotLabel[slot.status])}</span>
      {showsPrice(slot) && <span className="block text-xs">{t('pricePerHour', { price: formatBaht(slot.price!) })}</span>}
    </>
  );
}

/** A bay's size, free hours and price, under its name (grid heading and bay switcher). */
export function BayFacts({ bay, t }: { bay: DayBay; t: Translate }) {
  return (
    <>
      <span className="block text-xs font-normal text-slate-600">{t('people', { n: bay.capacity })}</span>
      <span className="block text-xs font-medium text-turf-700">{t('slotsFree', { n: bay.free })}</span>
      {bay.price && (
        <span className="block text-xs font-normal text-slate-700">
          {t(bay.price.varies ? 'priceFrom' : 'pricePerHour', { price: formatBaht(bay.price.lowest) })}
        </span>
      )}
    </>
  );
}

/** The Book link's accessible name: bay, time and price, read as one. */
export const bookLinkLabel = (slot: AvailabilitySlot, t: Translate) => t('bookSlotLink', { bay: slot.bay, time: slot.startTime, price: formatBaht(slot.price!) });
