import Link from 'next/link';
import { bookingHref, type DayBays, type Translate } from './day-bays';
import { bookLinkLabel, BayFacts, SlotText, slotColours } from './slot-text';
import { LocalizedName, useLocalizedName } from '@/components/i18n/localized-name';

/**
 * A phone's view of the day: every bay as a button with its size, free hours and price (all
 * at a glance, nothing scrolls sideways), and the chosen bay's hours as a list below, each
 * free hour a link to the booking form. Buttons, not tabs: Tab and Enter reach every bay, no
 * arrow keys needed.
 */
export function BaySwitcher({ day, chosen, onChoose, isPast, t }: { day: DayBays; chosen: string; onChoose: (bay: string) => void; isPast: boolean; t: Translate }) {
  const { bays, times, slotAt } = day;
  const named = useLocalizedName();
  return (
    <div data-testid="bay-switcher">
      <div role="group" aria-label={t('bayChooser')} className="grid grid-cols-2 gap-2">
        {bays.map((bay) => (
          <button
            key={bay.name}
            type="button"
            aria-pressed={bay.name === chosen}
            onClick={() => onChoose(bay.name)}
            className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-left hover:border-turf-500 aria-pressed:border-2 aria-pressed:border-turf-700 aria-pressed:bg-turf-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-600 focus-visible:ring-offset-2"
          >
            <span className="block font-semibold text-slate-900"><LocalizedName name={bay.name} nameTh={bay.nameTh} /></span>
            <BayFacts bay={bay} t={t} />
          </button>
        ))}
      </div>
      <h3 id="bay-hours-heading" className="mt-4 mb-2 text-base font-semibold text-slate-800">
        {t('bayHours', { bay: named(chosen, bays.find((bay) => bay.name === chosen)?.nameTh) })}
      </h3>
      <ul aria-labelledby="bay-hours-heading" className="space-y-1" data-testid="bay-hours">
        {times.map((time) => {
          const slot = slotAt(chosen, time);
          if (!slot) return null;
          const href = bookingHref(slot, day.date, isPast);
          const row = (
            <>
              <span className="w-14 shrink-0 font-mono font-medium">{time}</span>
              <span className="flex-1 text-right">
                <SlotText slot={slot} t={t} />
              </span>
              {href && (
                <span aria-hidden="true" className="ml-1 text-lg leading-none">
                  ›
                </span>
              )}
            </>
          );
          return (
            <li key={time} data-available={slot.available} data-status={slot.status} data-time={time} className={`rounded-md text-sm ${slotColours(slot.available)}`}>
              {href ? (
                <Link
                  href={href}
                  prefetch={false}
                  aria-label={bookLinkLabel(slot, t)}
                  className="flex min-h-12 items-center gap-2 rounded-md px-3 py-2 hover:bg-turf-700 hover:text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-700 focus-visible:ring-offset-1"
                >
                  {row}
                </Link>
              ) : (
                <div className="flex min-h-12 items-center gap-2 px-3 py-2">{row}</div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
