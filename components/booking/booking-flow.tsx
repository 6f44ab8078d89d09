'use client';

import { useCallback } from 'react';
import { translate, type Locale } from '@/lib/i18n/messages';
import { DateStep, PartyStep, SlotStep } from './booking-choice';
import { DetailsStep } from './booking-details';
import type { Translate } from './booking-rules';
import { SummaryStep } from './booking-summary';
import { useBookingForm } from './use-booking-form';

/**
 * The booking form on one page: date, then time and bay from live availability, then
 * duration and players, then contact details (and an hour package for members), then
 * submit. Failed submits explain themselves in place and keep everything typed. The state
 * lives in useBookingForm; the steps only render it.
 */
export function BookingFlow({
  locale,
  today,
  initial,
}: {
  locale: Locale;
  today: string;
  initial: { date: string; time: string | null; bay: string | null };
}) {
  const t: Translate = useCallback((key, values) => translate(locale, key, values), [locale]);
  const { form, problemRef, submitRef } = useBookingForm({ locale, t, initial });
  return (
    <form noValidate onSubmit={(event) => void form.submit(event)} className="space-y-5" aria-describedby="booking-intro">
      <DateStep form={form} today={today} locale={locale} t={t} />
      <SlotStep form={form} today={today} t={t} />
      <PartyStep form={form} t={t} />
      <DetailsStep form={form} locale={locale} t={t} />
      <SummaryStep form={form} problemRef={problemRef} submitRef={submitRef} locale={locale} t={t} />
    </form>
  );
}
