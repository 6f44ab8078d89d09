import { afterAll, describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/messages';
import { getOpeningHours, openingHoursText } from '@/lib/venue/opening-hours';
import { sql } from '../support/sql';

/** The opening hours customers read come from public.opening_hours, not from the UI text. */
describe('opening hours', () => {
  afterAll(async () => {
    await sql(`update public.opening_hours set opens = '10:00', closes = '23:00'`);
  });

  it('reads the seeded hours (10:00–23:00 every day) from the database into the home page tagline', async () => {
    const hours = await getOpeningHours();
    expect(hours).toHaveLength(7);
    expect(translate('en', 'tagline', { hours: openingHoursText(hours, 'en') })).toBe('Golf simulator bays in Bangkok · open 10:00–23:00');
    expect(translate('th', 'tagline', { hours: openingHoursText(hours, 'th') })).toBe('เบย์กอล์ฟจำลองในกรุงเทพฯ · เปิด 10:00–23:00');
  });

  it('shows changed hours as soon as the table changes, in runs of days, leaving closed days out', async () => {
    await sql(`update public.opening_hours set opens = '09:00' where weekday in (6, 7)`);
    expect(openingHoursText(await getOpeningHours(), 'en')).toBe('Mon–Fri 10:00–23:00, Sat–Sun 09:00–23:00');
    expect(openingHoursText([{ weekday: 1, opens: '10:00', closes: '22:00' }, { weekday: 3, opens: '10:00', closes: '22:00' }], 'en')).toBe('Mon 10:00–22:00, Wed 10:00–22:00');
    expect(openingHoursText([], 'en')).toBe('');
  });
});
