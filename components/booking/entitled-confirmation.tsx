'use client';

import Link from 'next/link';
import { translate, type Locale } from '@/lib/i18n/messages';
import { secondaryButton } from '@/components/ui/styles';
import { sectionClass } from '@/components/ui/form-styles';
import { BookingConfirmation, NextStepLinks } from './booking-confirmation';
import { useManagedBooking, useManageToken } from './manage-api';

/**
 * /book/confirmed?ref=…: a reference alone is no proof of anything (anyone can type one), so
 * the confirmation shows only to the member who owns the booking (decided by the server:
 * `ownedByMember`) or to the holder of its manage link (`#t=…`, which the booking form passes
 * on); anyone else is told the page cannot show that booking.
 */
export function EntitledConfirmation({ locale, reference, ownedByMember }: { locale: Locale; reference: string; ownedByMember: boolean }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const token = useManageToken();
  const load = useManagedBooking(ownedByMember ? null : token);
  const opened = load.value?.ok && load.value.data.booking.reference === reference;

  if (ownedByMember || opened) {
    return (
      <>
        <BookingConfirmation locale={locale} reference={reference} />
        {token && (
          <p className="mt-4">
            <Link href={`/book/manage#t=${token}`} className={secondaryButton} data-testid="confirmation-manage-link">
              {t('vipModify')} / {t('vipCancel')}
            </Link>
          </p>
        )}
      </>
    );
  }
  if (token === undefined || (token && load.pending)) {
    return (
      <p role="status" className="text-slate-600">
        {t('manageLoading')}
      </p>
    );
  }
  return (
    <section aria-labelledby="cannot-show-heading" className={sectionClass} data-testid="confirmation-cannot-show">
      <h1 id="cannot-show-heading" className="text-2xl font-bold text-turf-900 sm:text-3xl">
        {t('confirmedCannotShow')}
      </h1>
      <p className="mt-3 text-slate-700">{t('confirmedCannotShowBody')}</p>
      <NextStepLinks locale={locale} />
    </section>
  );
}
