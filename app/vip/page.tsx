import { VipDashboard } from '@/components/vip/vip-dashboard';
import { translate } from '@/lib/i18n/messages';
import { currentLocale } from '../_i18n/current-locale';
import { requireMember } from './member';

export const dynamic = 'force-dynamic';

/** /vip – the member's overview. */
export default async function VipPage() {
  await requireMember('/vip');
  const locale = await currentLocale();
  return (
    <>
      <h1 className="text-2xl font-bold text-turf-900 sm:text-3xl">{translate(locale, 'vipHeading')}</h1>
      <p className="mb-5 mt-1 text-slate-600">{translate(locale, 'vipIntro')}</p>
      <VipDashboard locale={locale} />
    </>
  );
}
