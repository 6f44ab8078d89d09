import { z } from 'zod';

/**
 * public.get_venue_brand's answer (migrations 20261202009300, 20261202150000): the venue's
 * brand from public.venue_settings. Pure (zod only), so lib/db/functions.ts and tests share it.
 */
/** A Thai text beside an English one in an API answer: null when none is stored (show the English one). */
export const thaiText = (what: string) =>
  z.string().nullable().describe(`${what} in Thai; null when none is stored, show the English one (extension to the spec, #15)`);

export const BRAND_SHADES = ['50', '100', '200', '500', '600', '700', '800', '900', '950'] as const;
export type BrandShade = (typeof BRAND_SHADES)[number];

export const VenueBrandRecord = z.object({
  name: z.string(),
  nameTh: z.string().nullable(),
  address: z.string(),
  addressTh: z.string().nullable(),
  phone: z.string(),
  lineId: z.string().nullable(),
  logoUrl: z.string(),
  colors: z.partialRecord(z.enum(BRAND_SHADES), z.string().regex(/^#[0-9a-fA-F]{6}$/)),
});
export type VenueBrandRecord = z.infer<typeof VenueBrandRecord>;
