import { afterEach, describe, expect, it } from 'vitest';
import { brandName, venueBrand } from '@/lib/venue/brand';
import { eventually } from '../support/eventually';
import { sql } from '../support/sql';

const resetBrand = () =>
  sql(`update public.venue_settings set venue_name = default, venue_name_th = null, address = default,
         address_th = '88 ซอยสุขุมวิท 24 แขวงคลองตัน เขตคลองเตย กรุงเทพมหานคร 10110', phone = default, line_id = null,
         logo_url = default, brand_colors = default`);


/** One brand, from data (#15 item 6), and the names in both languages (item 5). */
describe('the venue brand (public.venue_settings through venueBrand)', () => {
  afterEach(resetBrand);

  it('answers the seeded brand, the venue\'s own texts only', async () => {
    const brand = await venueBrand({ fresh: true });
    expect(brand).toMatchObject({ name: 'Golf Bay Bangkok', nameTh: null, phone: '+66 2 000 0000', logoUrl: '/icon.svg', lineId: null });
    expect(brand.addressTh).toContain('สุขุมวิท');
    expect(brand.colors['600']).toBe('#23723a');
    // Bays, packages and the lucky draw answer their own Thai texts where they are named
    // (thai-names-api.test.ts, venue-brand-messages.test.ts): the brand has none of them.
    const [row] = await sql<{ brand: Record<string, unknown> }>('select public.get_venue_brand() as brand');
    expect(Object.keys(row!.brand).sort()).toEqual(['address', 'addressTh', 'colors', 'lineId', 'logoUrl', 'name', 'nameTh', 'phone']);
    expect(JSON.stringify(brand)).not.toMatch(/LENGOLF|Golf Bay Booking/);
  });

  it('the seeded campaign and prizes name the venue by its one name, in both languages', async () => {
    const [campaign] = await sql<{ name_th: string }>(`select name_th from public.lucky_draw_campaigns where name = 'Golf Bay Bangkok Lucky Draw'`);
    expect(campaign).toEqual({ name_th: 'ลุ้นโชค Golf Bay Bangkok' });
    const prizes = await sql('select name, name_th, description, description_th from public.lucky_draw_prizes');
    expect(prizes).toContainEqual({
      name: 'Golf Hat', name_th: 'หมวกกอล์ฟ', description: 'Premium Golf Bay Bangkok branded golf hat', description_th: 'หมวกกอล์ฟพรีเมียมโลโก้ Golf Bay Bangkok',
    });
    expect(JSON.stringify(prizes)).not.toMatch(/LENGOLF|Golf Bay Booking/);
  });

  it('drops the cached copy when the row changes: the next read has the new name, in both languages', async () => {
    expect(await brandName()).toBe('Golf Bay Bangkok');
    expect(await brandName('th')).toBe('Golf Bay Bangkok');
    await sql(`update public.venue_settings set venue_name = 'Fairway Club', venue_name_th = 'แฟร์เวย์ คลับ'`);
    expect(await eventually(() => brandName(), (name) => name === 'Fairway Club')).toBe('Fairway Club');
    expect(await brandName('th')).toBe('แฟร์เวย์ คลับ');
  });

  it("a page's read that fails gets the last copy read; a message's fresh read fails (its job is retried)", async () => {
    expect((await venueBrand({ fresh: true })).name).toBe('Golf Bay Bangkok');
    await sql(`update public.venue_settings set venue_name = 'Unseen Club'`);
    // The read itself fails (as when the database is away): anon may no longer call the function.
    await sql('revoke execute on function public.get_venue_brand() from anon');
    try {
      await eventually(() => venueBrand(), () => false, 800); // the notice drops the cached copy meanwhile
      expect((await venueBrand()).name).toBe('Golf Bay Bangkok');
      await expect(venueBrand({ fresh: true })).rejects.toThrow();
    } finally {
      await sql('grant execute on function public.get_venue_brand() to anon');
    }
    expect((await venueBrand({ fresh: true })).name).toBe('Unseen Club');
  });

  it('refuses a brand the pages could not show: bad colours, blank names, a logo on another scheme', async () => {
    for (const change of [
      `brand_colors = '{"600": "red"}'`,
      `brand_colors = '{"650": "#112233"}'`,
      `brand_colors = '["#112233"]'`,
      `venue_name = '   '`,
      `venue_name_th = ''`,
      `logo_url = 'javascript:alert(1)'`,
      `logo_url = '//evil.example/logo.svg'`,
    ]) {
      await expect(sql(`update public.venue_settings set ${change}`), change).rejects.toThrow(/check constraint/);
    }
    await expect(sql(`update public.bays set name_th = '' where name = 'Bay 2'`)).rejects.toThrow(/check constraint/);
  });
});
