import { VipProfileForm } from '@/components/vip/vip-profile';
import { translate } from '@/lib/i18n/messages';
import { currentLocale } from '../../_i18n/current-locale';
import { titled } from '../../_i18n/page-metadata';
import { requireMember } from '../member';

export const dynamic = 'force-dynamic';

export const generateMetadata = titled('vipProfileHeading');

/** /vip/profile – the member's name, email and marketing preference. */
export default async function VipProfilePage() {
  await requireMember('/vip/profile');
  const locale = await currentLocale();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold text-turf-900 sm:text-3xl">{translate(locale, 'vipProfileHeading')}</h1>
      <VipProfileForm locale={locale} />
    </>
  );
}
