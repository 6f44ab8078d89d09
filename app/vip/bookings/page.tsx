import { VipBookings } from '@/components/vip/vip-bookings';
import { isBookingsFilter } from '@/lib/vip/bookings-filters';
import { translate } from '@/lib/i18n/messages';
import { venueToday } from '@/lib/venue/venue-clock';
import { currentLocale } from '../../_i18n/current-locale';
import { titled } from '../../_i18n/page-metadata';
import { requireMember } from '../member';

export const dynamic = 'force-dynamic';

export const generateMetadata = titled('vipBookingsHeading');

/** /vip/bookings?filter=future|past|cancelled|all – the member's bookings. */
export default async function VipBookingsPage(props: { searchParams: Promise<{ filter?: string | string[] }> }) {
  const searchParams = await props.searchParams;
  await requireMember('/vip/bookings');
  const locale = await currentLocale();
  const filter = Array.isArray(searchParams.filter) ? searchParams.filter[0] : searchParams.filter;
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold text-turf-900 sm:text-3xl">{translate(locale, 'vipBookingsHeading')}</h1>
      <VipBookings locale={locale} today={venueToday()} initialFilter={isBookingsFilter(filter) ? filter : 'future'} />
    </>
  );
}
