'use client';

import { useCallback, useMemo, useState } from 'react';
import { availabilityFailureKey, useAvailability } from '@/components/api/use-load';
import { DateStepper } from '@/components/ui/date-stepper';
import { LoadError } from '@/components/ui/load-error';
import type { AvailabilityResult } from '@/lib/db/functions';
import { formatVenueDate } from '@/lib/i18n/format-venue-date';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { AvailabilityGrid } from './availability-grid';
import { BaySwitcher } from './bay-switcher';
import { dayBays, type Translate } from './day-bays';
import { dayRuleNotice } from './slot-status';

/**
 * A date stepper and one day's availability with prices: a bay switcher with the chosen bay's
 * hours on a phone, the bays × times grid on wider screens. A date change is one request, the
 * availability fetch (revalidated by its ETag); nothing in the grid prefetches.
 */
export function AvailabilityBrowser({ locale, today }: { locale: Locale; today: string }) {
  const t = useCallback((key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values), [locale]);
  const [date, setDate] = useState(today);
  const [chosen, setChosen] = useState<string | null>(null);
  const load = useAvailability(date);
  // The booking horizon comes with each answer; the stepper goes no further.
  const last = !load.pending && load.value.ok ? load.value.data.memberBookableUntil : undefined;

  return (
    <section aria-labelledby="availability-heading" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <h2 id="availability-heading" className="text-xl font-semibold text-turf-900">
          {t('availabilityHeading')}
        </h2>
        <div className="flex flex-wrap items-end gap-2">
          <DateStepper
            date={date}
            today={today}
            last={last}
            onChange={setDate}
            labels={{ previous: t('previousDay'), next: t('nextDay'), date: t('dateLabel') }}
            backToToday={{ date: today, label: t('today') }}
            locale={locale}
          />
        </div>
      </div>
      {/* What a screen reader hears on a date change: loading, then the day shown; never the whole grid again, nor a bay's hours on each switch. */}
      <p role="status" className="sr-only">
        {load.pending ? t('loading') : load.value.ok ? `${t('availabilityHeading')}: ${formatVenueDate(date, locale)}` : ''}
      </p>
      <div aria-busy={load.pending}>
        {load.pending && <GridSkeleton />}
        {!load.pending && !load.value.ok && <LoadError message={t(availabilityFailureKey(load.value))} retryLabel={t('retry')} onRetry={load.retry} />}
        {!load.pending && load.value.ok && <DayView data={load.value.data} isPast={date < today} chosen={chosen} onChoose={setChosen} t={t} />}
      </div>
    </section>
  );
}

function DayView({ data, isPast, chosen, onChoose, t }: { data: AvailabilityResult; isPast: boolean; chosen: string | null; onChoose: (bay: string) => void; t: Translate }) {
  const day = useMemo(() => dayBays(data), [data]);
  if (day.bays.length === 0) return <Notice text={t('closed')} />;
  // The chosen bay is kept across dates while the day has it; otherwise the first bay.
  const bay = day.bays.some((candidate) => candidate.name === chosen) ? chosen! : day.bays[0]!.name;
  const ruleNotice = isPast ? t('pastDate') : dayRuleNotice(data, t);
  return (
    <>
      {ruleNotice && <Notice text={ruleNotice} />}
      {!ruleNotice && data.fullyBooked && <Notice text={t('fullyBooked')} />}
      {/* One view shows at a time (CSS): the hidden one is out of the Tab order and the accessibility tree. */}
      <div className="sm:hidden">
        <BaySwitcher day={day} chosen={bay} onChoose={onChoose} isPast={isPast} t={t} />
      </div>
      <div className="hidden sm:block">
        <AvailabilityGrid day={day} chosen={bay} onChoose={onChoose} isPast={isPast} t={t} />
      </div>
      <p className="mt-3 flex flex-wrap gap-4 text-xs text-slate-600">
        <span>
          <span className="mr-1 inline-block h-3 w-3 rounded-sm bg-turf-100 align-middle ring-1 ring-turf-500" aria-hidden />
          {t('legendFree')}
        </span>
        <span>
          <span className="mr-1 inline-block h-3 w-3 rounded-sm bg-slate-100 align-middle ring-1 ring-slate-300" aria-hidden />
          {t('legendTaken')}
        </span>
      </p>
    </>
  );
}

function Notice({ text }: { text: string }) {
  return <p className="mb-3 rounded-md bg-amber-50 p-3 text-amber-900">{text}</p>;
}

function GridSkeleton() {
  return (
    <div aria-hidden="true" className="animate-pulse space-y-2">
      {Array.from({ length: 6 }, (_, row) => (
        <div key={row} className="grid grid-cols-5 gap-1">
          {Array.from({ length: 5 }, (_, cell) => (
            <div key={cell} className="h-10 rounded-md bg-slate-100" />
          ))}
        </div>
      ))}
    </div>
  );
}

