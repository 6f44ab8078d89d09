import { VipPackagesView } from '@/components/vip/vip-packages';
import { translate } from '@/lib/i18n/messages';
import { currentLocale } from '../../_i18n/current-locale';
import { titled } from '../../_i18n/page-metadata';
import { requireMember } from '../member';

export const dynamic = 'force-dynamic';

export const generateMetadata = titled('vipPackagesHeading');

/** /vip/packages – the member's hour packages. */
export default async function VipPackagesPage() {
  await requireMember('/vip/packages');
  const locale = await currentLocale();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold text-turf-900 sm:text-3xl">{translate(locale, 'vipPackagesHeading')}</h1>
      <VipPackagesView locale={locale} />
    </>
  );
}
