import type { AvailabilityResult, AvailabilitySlot } from '@/lib/db/functions';
import type { MessageKey } from '@/lib/i18n/messages';
import { showsPrice } from './slot-status';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** One bay of a day's availability: its size, how many hours are free, and the lowest price shown. */
export interface DayBay {
  name: string;
  nameTh?: string | null;
  capacity: number;
  free: number;
  /** The lowest hourly price among the slots that show one; `varies` when others cost more. */
  price: { lowest: number; varies: boolean } | null;
}

/** A day's availability as the grid and the bay switcher show it: bays in the API's order, start times, and each slot by bay and time. */
export interface DayBays {
  date: string;
  bays: DayBay[];
  times: string[];
  slotAt: (bay: string, time: string) => AvailabilitySlot | undefined;
}

export function dayBays(data: AvailabilityResult): DayBays {
  const bays: DayBay[] = [];
  const times: string[] = [];
  const slots = new Map<string, AvailabilitySlot>();
  for (const slot of data.availableSlots) {
    let bay = bays.find((candidate) => candidate.name === slot.bay);
    if (!bay) bays.push((bay = { name: slot.bay, nameTh: slot.bayTh, capacity: slot.capacity, free: 0, price: null }));
    if (slot.available) bay.free += 1;
    if (showsPrice(slot)) {
      const price = slot.price!;
      if (!bay.price) bay.price = { lowest: price, varies: false };
      else if (price !== bay.price.lowest) bay.price = { lowest: Math.min(price, bay.price.lowest), varies: true };
    }
    if (!times.includes(slot.startTime)) times.push(slot.startTime);
    slots.set(`${slot.bay}|${slot.startTime}`, slot);
  }
  return { date: data.date, bays, times, slotAt: (bay, time) => slots.get(`${bay}|${time}`) };
}

/** Where a free slot leads: the booking form on that date, time and bay; null when it cannot be booked from here. */
export function bookingHref(slot: AvailabilitySlot, date: string, isPast: boolean): string | null {
  if (!slot.available || isPast || slot.price === null) return null;
  return `/book?${new URLSearchParams({ date, time: slot.startTime, bay: slot.bay }).toString()}`;
}
