import { describe, expect, it } from 'vitest';
import { dayRuleNotice, freeStartTimes, showsPrice, slotLabel, slotsFor } from '@/components/booking/booking-rules';
import type { AvailabilitySlot, SlotStatus } from '@/lib/db/functions';
import { translate } from '@/lib/i18n/messages';
import { availabilityDay as day } from '../support/availability-day';

const slot = (startTime: string, status: SlotStatus): AvailabilitySlot => ({
  bay: 'Bay 1',
  startTime,
  endTime: `${String(Number(startTime.slice(0, 2)) + 1).padStart(2, '0')}:00`,
  capacity: 5,
  price: 500,
  available: status === 'open',
  status,
});
const en = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate('en', key, values);
const th = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate('th', key, values);

describe('what the grid and the slot picker say of a slot and a day', () => {
  it('says Past, Too soon, Members only and Not yet open instead of Taken, in English and Thai', () => {
    expect(en(slotLabel.past)).toBe('Past');
    expect(en(slotLabel.too_soon)).toBe('Too soon');
    expect(en(slotLabel.members_only)).toBe('Members only');
    expect(en(slotLabel.beyond_horizon)).toBe('Not yet open for booking');
    expect(en(slotLabel.taken)).toBe('Taken');
    expect(th(slotLabel.past)).toBe('ผ่านไปแล้ว');
    expect(th(slotLabel.beyond_horizon)).toBe('ยังไม่เปิดให้จอง');
    for (const status of Object.keys(slotLabel) as SlotStatus[]) expect(th(slotLabel[status])).not.toBe(en(slotLabel[status]));
  });

  it('shows a price only where the slot can still be booked', () => {
    expect(showsPrice(slot('10:00', 'open'))).toBe(true);
    expect(showsPrice(slot('10:00', 'members_only'))).toBe(true);
    for (const status of ['past', 'taken', 'too_soon', 'beyond_horizon'] as const) expect(showsPrice(slot('10:00', status))).toBe(false);
  });

  it('explains a day the rules close: past, beyond the horizon, members only, too soon today', () => {
    expect(dayRuleNotice(day(slot('10:00', 'past')), en)).toBe(en('pastDate'));
    expect(dayRuleNotice(day(slot('10:00', 'beyond_horizon')), en)).toBe('Not yet open for booking: online bookings go up to 2027-04-10.');
    expect(dayRuleNotice(day(slot('10:00', 'members_only'), slot('11:00', 'taken')), en)).toBe('Only signed-in members can book this date yet (guests up to 2027-03-11).');
    expect(dayRuleNotice(day(slot('13:00', 'past'), slot('14:00', 'too_soon')), en)).toContain('from 14:30');
    expect(dayRuleNotice(day(slot('10:00', 'taken')), en)).toBeNull();
    expect(dayRuleNotice(day(slot('10:00', 'open'), slot('11:00', 'past')), en)).toBeNull();
  });

  it("offers a signed-in member the members-only hours, and a guest none of them", () => {
    const slots = [slot('10:00', 'members_only'), slot('11:00', 'taken')];
    expect(freeStartTimes(slotsFor(slots, false))).toEqual([]);
    expect(freeStartTimes(slotsFor(slots, true))).toEqual(['10:00']);
  });
});
