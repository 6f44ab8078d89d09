import { availabilityFailureKey } from '@/components/api/use-load';
import { DateStepper } from '@/components/ui/date-stepper';
import { LoadError } from '@/components/ui/load-error';
import { labelClass } from '@/components/ui/form-styles';
import type { Locale } from '@/lib/i18n/messages';
import { addDays } from '@/lib/venue/venue-clock';
import { NumberSelect, Step } from './booking-fields';
import { formatDate, type Translate } from './booking-rules';
import { SlotPicker } from './slot-picker';
import type { BookingForm } from './use-booking-form';

/** Step 1: the date, how long and how many players (narrowed to what the chosen slot allows): what the times below are priced for. */
export function DateStep({ form, today, locale, t }: { form: BookingForm; today: string; locale: Locale; t: Translate }) {
  const { time, bay, slots, choices, capacity } = form;
  return (
    <Step id="step-date" title={t('stepDate')}>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <DateStepper
          date={form.date}
          today={today}
          last={!form.load.pending && form.load.value.ok ? form.load.value.data.memberBookableUntil : undefined}
          onChange={form.changeDate}
          labels={{ previous: t('previousDay'), next: t('nextDay'), date: t('dateLabel') }}
          labelClassName={labelClass}
          locale={locale}
        />
        {/* The box shows the date; this says a new one aloud. */}
        <p className="sr-only" aria-live="polite">
          {formatDate(form.date, locale)}
        </p>
      </div>
      <div className="mt-3 grid grid-cols-2 gap-3">
        <NumberSelect
          field="duration"
          label={t('durationLabel')}
          value={form.effectiveDuration}
          options={choices.map((hours) => ({ value: hours, label: form.formatHours(hours) }))}
          describedBy={form.describedBy('duration', time && bay ? 'duration-hint' : undefined)}
          hint={time && bay && slots ? { id: 'duration-hint', text: t('durationHint', { hours: form.formatHours(choices[choices.length - 1]!), time, bay: form.bayName(bay) }) } : null}
          error={form.errorFor('duration')}
          onChange={form.chooseDuration}
        />
        <NumberSelect
          field="numberOfPeople"
          label={t('peopleLabel')}
          value={form.effectivePeople}
          options={Array.from({ length: form.peopleLimit }, (_, i) => ({ value: i + 1, label: String(i + 1) }))}
          describedBy={form.describedBy('numberOfPeople', capacity !== null ? 'people-hint' : undefined)}
          hint={capacity !== null && bay ? { id: 'people-hint', text: t('peopleHint', { bay: form.bayName(bay), n: capacity }) } : null}
          error={form.errorFor('numberOfPeople')}
          onChange={form.choosePeople}
        />
      </div>
    </Step>
  );
}

/** Step 2: a start time and a bay from the day's live availability. */
export function SlotStep({ form, today, t }: { form: BookingForm; today: string; t: Translate }) {
  const { load, day, slots, preselectMissed, date } = form;
  return (
    <Step id="step-slot" title={t('stepSlot')}>
      {preselectMissed && (
        <p className="mt-2 rounded-md bg-amber-50 p-3 text-amber-900">
          {preselectMissed.bay ? t('preselectTaken', { time: preselectMissed.time, bay: form.bayName(preselectMissed.bay) }) : t('preselectTakenAnyBay', { time: preselectMissed.time })}
        </p>
      )}
      <div className="mt-2" aria-live="polite" aria-busy={load.pending}>
        {load.pending && <SlotSkeleton label={t('loadingTimes')} />}
        {!load.pending && !load.value.ok && <LoadError message={t(availabilityFailureKey(load.value))} retryLabel={t('retry')} onRetry={load.retry} />}
        {day && slots && (
          <SlotPicker
            day={day}
            slots={slots}
            isPast={date < today}
            time={form.time}
            bay={form.bay}
            duration={form.duration}
            formatHours={form.formatHours}
            error={form.errorFor('slot')}
            onTime={form.chooseTime}
            onBay={form.chooseBay}
            onNextDay={() => form.changeDate(addDays(date, 1))}
            t={t}
          />
        )}
      </div>
    </Step>
  );
}

function SlotSkeleton({ label }: { label: string }) {
  return (
    <div role="status" className="animate-pulse space-y-2">
      <span className="sr-only">{label}</span>
      <div className="grid grid-cols-4 gap-2 sm:grid-cols-7">
        {Array.from({ length: 12 }, (_, cell) => (
          <div key={cell} className="h-11 rounded-md bg-slate-100" />
        ))}
      </div>
    </div>
  );
}
