'use client';

import { useCallback } from 'react';
import { translate, type Locale } from '@/lib/i18n/messages';
import type { BookingMember } from './booking-api';
import { DateStep, SlotStep } from './booking-choice';
import { DetailsStep } from './booking-details';
import type { Translate } from './booking-rules';
import { ProblemPanel, SummaryStep } from './booking-summary';
import { useBookingForm } from './use-booking-form';

/**
 * The booking form on one short page: date, duration and players, then a start time (each
 * priced for that duration) and a bay from live availability, then contact details (filled
 * in for a member, with their hour packages), with the summary and the submit button always
 * in view. Failed submits explain themselves at the end of the form and keep everything
 * typed. The state lives in useBookingForm; the steps only render it.
 */
export function BookingFlow({
  locale,
  today,
  initial,
  member,
}: {
  locale: Locale;
  today: string;
  initial: { date: string; time: string | null; bay: string | null };
  /** The signed-in member's details (null or left out: a guest). */
  member?: BookingMember | null;
}) {
  const t: Translate = useCallback((key, values) => translate(locale, key, values), [locale]);
  const { form, problemRef, submitRef } = useBookingForm({ locale, t, initial, member: member ?? null });
  return (
    <form noValidate onSubmit={(event) => void form.submit(event)} className="lg:grid lg:grid-cols-[minmax(0,1fr)_19rem] lg:items-start lg:gap-6" aria-describedby="booking-intro">
      {/* On a phone the summary bar covers the screen's bottom: whatever takes focus scrolls clear of it. */}
      <div className="space-y-3 sm:space-y-4 [&_*]:scroll-mb-32 lg:[&_*]:scroll-mb-0">
        <DateStep form={form} today={today} locale={locale} t={t} />
        <SlotStep form={form} today={today} t={t} />
        <DetailsStep form={form} locale={locale} t={t} />
        <ProblemPanel form={form} problemRef={problemRef} locale={locale} t={t} />
      </div>
      <SummaryStep form={form} submitRef={submitRef} locale={locale} t={t} />
    </form>
  );
}
