import { localizedName } from '@/lib/i18n/localized-name';
import type { Locale } from '@/lib/i18n/messages';
import { venueBrand } from '@/lib/venue/brand';

/**
 * The venue's logo and name as page headers show them, from venue settings (lib/venue/brand.ts).
 * The logo is decoration beside the name, so it has no text of its own.
 */
export async function BrandMark({ locale }: { locale: Locale }) {
  const brand = await venueBrand();
  return (
    <span className="inline-flex items-center gap-2">
      {/* A path of the app or an https URL from the venue's settings: next/image would need each host configured. */}
      {/* eslint-disable-next-line @next/next/no-img-element -- a 32 px logo from data, any host */}
      <img src={brand.logoUrl} alt="" width={32} height={32} className="h-8 w-8 shrink-0" />
      <span>{localizedName(locale, brand.name, brand.nameTh)}</span>
    </span>
  );
}
