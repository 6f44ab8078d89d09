import { LinkAccount } from '@/components/vip/link-account';
import { translate } from '@/lib/i18n/messages';
import { currentLocale } from '../../_i18n/current-locale';
import { titled } from '../../_i18n/page-metadata';
import { requireMember } from '../member';

export const dynamic = 'force-dynamic';

export const generateMetadata = titled('vipLinkHeading');

/** /vip/link – link the account to the venue's customer record by phone number. */
export default async function VipLinkPage() {
  await requireMember('/vip/link');
  const locale = await currentLocale();
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold text-turf-900 sm:text-3xl">{translate(locale, 'vipLinkHeading')}</h1>
      <LinkAccount locale={locale} />
    </>
  );
}
