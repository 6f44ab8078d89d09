'use client';

import Link from 'next/link';
import { useCallback, useMemo, useState } from 'react';
import { useAvailability } from '@/components/api/use-load';
import { DateStepper } from '@/components/ui/date-stepper';
import { LoadError } from '@/components/ui/load-error';
import type { AvailabilityResult, AvailabilitySlot } from '@/lib/db/functions';
import { translate, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { dayRuleNotice, showsPrice, slotLabel } from '@/components/booking/booking-rules';

type Slot = AvailabilitySlot;
type Availability = AvailabilityResult;

/** Date picker and a bays × times grid of one day's availability, with prices. */
export function AvailabilityBrowser({ locale, today }: { locale: Locale; today: string }) {
  const t = useCallback((key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values), [locale]);
  const [date, setDate] = useState(today);
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
          />
        </div>
      </div>
      <div aria-live="polite" aria-busy={load.pending}>
        {load.pending && <GridSkeleton label={t('loading')} />}
        {!load.pending && !load.value.ok && <LoadError message={t('loadFailed')} retryLabel={t('retry')} onRetry={load.retry} />}
        {!load.pending && load.value.ok && <AvailabilityGrid data={load.value.data} isPast={date < today} t={t} />}
      </div>
    </section>
  );
}

function AvailabilityGrid({
  data,
  isPast,
  t,
}: {
  data: Availability;
  isPast: boolean;
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
}) {
  const { bays, times, slotAt } = useMemo(() => {
    const bays: { name: string; capacity: number; free: number }[] = [];
    const times: string[] = [];
    const slotAt = new Map<string, Slot>();
    for (const slot of data.availableSlots) {
      let bay = bays.find((candidate) => candidate.name === slot.bay);
      if (!bay) bays.push((bay = { name: slot.bay, capacity: slot.capacity, free: 0 }));
      if (slot.available) bay.free += 1;
      if (!times.includes(slot.startTime)) times.push(slot.startTime);
      slotAt.set(`${slot.bay}|${slot.startTime}`, slot);
    }
    return { bays, times, slotAt };
  }, [data]);

  if (data.availableSlots.length === 0) return <Notice text={t('closed')} />;
  const ruleNotice = isPast ? t('pastDate') : dayRuleNotice(data, t);
  return (
    <>
      {ruleNotice && <Notice text={ruleNotice} />}
      {!ruleNotice && data.fullyBooked && <Notice text={t('fullyBooked')} />}
      <div className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
        <table className="w-full min-w-[36rem] border-separate border-spacing-1 text-sm" data-testid="availability-grid">
          <caption className="sr-only">{data.date}</caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-white px-2 py-1 text-left font-medium text-slate-500">
                {t('time')}
              </th>
              {bays.map((bay) => (
                <th key={bay.name} scope="col" className="px-2 py-1 text-left">
                  <span className="block font-semibold text-slate-800">{bay.name}</span>
                  <span className="block text-xs font-normal text-slate-500">{t('people', { n: bay.capacity })}</span>
                  <span className="block text-xs font-normal text-turf-700">{t('slotsFree', { n: bay.free })}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {times.map((time) => (
              <tr key={time}>
                <th scope="row" className="sticky left-0 bg-white px-2 py-1 text-left font-mono font-medium text-slate-600">
                  {time}
                </th>
                {bays.map((bay) => {
                  const slot = slotAt.get(`${bay.name}|${time}`);
                  if (!slot) return <td key={bay.name} />;
                  const content = (
                    <>
                      <span className="block font-medium">{t(slotLabel[slot.status])}</span>
                      {showsPrice(slot) && <span className="block text-xs">{t('pricePerHour', { price: slot.price!.toLocaleString('en-US') })}</span>}
                    </>
                  );
                  // A free cell is a link to the booking form on that slot (Tab reaches it, Enter follows it).
                  const bookable = slot.available && !isPast && slot.price !== null;
                  return (
                    <td
                      key={bay.name}
                      data-available={slot.available}
                      data-status={slot.status}
                      className={`rounded-md ${bookable ? 'p-0' : 'px-2 py-2'} ${slot.available ? 'bg-turf-100 text-turf-900' : 'bg-slate-100 text-slate-400'}`}
                    >
                      {bookable ? (
                        <Link
                          href={`/book?${new URLSearchParams({ date: data.date, time: slot.startTime, bay: slot.bay }).toString()}`}
                          aria-label={t('bookSlotLink', { bay: slot.bay, time: slot.startTime, price: slot.price!.toLocaleString('en-US') })}
                          className="block rounded-md px-2 py-2 hover:bg-turf-500 hover:text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-600 focus-visible:ring-offset-1"
                        >
                          {content}
                        </Link>
                      ) : (
                        content
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 flex gap-4 text-xs text-slate-500">
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

function GridSkeleton({ label }: { label: string }) {
  return (
    <div role="status" className="animate-pulse space-y-2">
      <span className="sr-only">{label}</span>
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

