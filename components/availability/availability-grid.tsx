import Link from 'next/link';
import type { KeyboardEvent } from 'react';
import { bookingHref, type DayBays, type Translate } from './day-bays';
import { bookLinkLabel, BayFacts, SlotText, slotColours } from './slot-text';
import { LocalizedName } from '@/components/i18n/localized-name';

/**
 * The bays × times grid (wider screens). Each bay's heading is a button that puts that bay's
 * free hours into the Tab order, so the grid is a few Tab stops (the bays, then the chosen
 * bay's hours top to bottom) instead of one per free cell, and every slot stays reachable with
 * Tab and Enter alone; the arrow keys also move between free cells. A free cell is a plain
 * link (never prefetched: fifty prefetches per date was the network flood of #15).
 */
export function AvailabilityGrid({ day, chosen, onChoose, isPast, t }: { day: DayBays; chosen: string; onChoose: (bay: string) => void; isPast: boolean; t: Translate }) {
  const { bays, times, slotAt } = day;
  return (
    <div className="overflow-x-auto">
      <p id="grid-keyboard-hint" className="mb-2 text-xs text-slate-600">
        {t('gridKeyboardHint')}
      </p>
      <table className="w-full min-w-[32rem] table-fixed border-separate border-spacing-1 text-sm" data-testid="availability-grid">
        <caption className="sr-only">{day.date}</caption>
        <thead>
          <tr>
            {/* The white shadow covers the spacing beside the sticky column, so scrolled cells never show through. */}
            <th scope="col" className="sticky left-0 z-10 w-16 bg-white px-2 py-1 text-left align-bottom font-medium text-slate-600 shadow-[4px_0_0_white]">
              {t('time')}
            </th>
            {bays.map((bay) => (
              <th key={bay.name} scope="col" className="p-0 text-left align-bottom">
                <button
                  type="button"
                  aria-pressed={bay.name === chosen}
                  aria-describedby="grid-keyboard-hint"
                  onClick={() => onChoose(bay.name)}
                  className="w-full rounded-md border border-transparent px-2 py-1 text-left hover:border-slate-300 aria-pressed:border-turf-700 aria-pressed:bg-turf-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-600"
                >
                  <span className="block font-semibold text-slate-800"><LocalizedName name={bay.name} nameTh={bay.nameTh} /></span>
                  <BayFacts bay={bay} t={t} />
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={(event) => moveByArrow(event, bays.map((bay) => bay.name), onChoose)}>
          {times.map((time, row) => (
            <tr key={time}>
              <th scope="row" className="sticky left-0 z-10 bg-white px-2 py-1 text-left font-mono font-medium text-slate-700 shadow-[4px_0_0_white]">
                {time}
              </th>
              {bays.map((bay, column) => {
                const slot = slotAt(bay.name, time);
                if (!slot) return <td key={bay.name} />;
                const href = bookingHref(slot, day.date, isPast);
                return (
                  <td key={bay.name} data-available={slot.available} data-status={slot.status} className={`rounded-md ${href ? 'p-0' : 'px-2 py-2'} ${slotColours(slot.available)}`}>
                    {href ? (
                      <Link
                        href={href}
                        prefetch={false}
                        tabIndex={bay.name === chosen ? 0 : -1}
                        data-row={row}
                        data-column={column}
                        aria-label={bookLinkLabel(slot, t)}
                        className="block rounded-md px-2 py-2 hover:bg-turf-700 hover:text-white focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-700 focus-visible:ring-offset-1"
                      >
                        <SlotText slot={slot} t={t} />
                      </Link>
                    ) : (
                      <SlotText slot={slot} t={t} />
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Arrow keys between free cells, as an extra to Tab: up and down within the bay, left and
 * right to the nearest free cell of the same hour in another bay, which becomes the chosen one.
 */
function moveByArrow(event: KeyboardEvent<HTMLElement>, bays: string[], onChoose: (bay: string) => void) {
  const from = (event.target as HTMLElement).closest<HTMLElement>('a[data-column]');
  if (!from) return;
  const at = (link: HTMLElement) => ({ row: Number(link.dataset.row), column: Number(link.dataset.column) });
  const here = at(from);
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('a[data-column]'));
  const sameColumn = links.filter((link) => at(link).column === here.column);
  const sameRow = links.filter((link) => at(link).row === here.row);
  const moves: Record<string, HTMLElement | undefined> = {
    ArrowDown: sameColumn.find((link) => at(link).row > here.row),
    ArrowUp: sameColumn.findLast((link) => at(link).row < here.row),
    ArrowRight: sameRow.find((link) => at(link).column > here.column),
    ArrowLeft: sameRow.findLast((link) => at(link).column < here.column),
  };
  const next = moves[event.key];
  if (!next) return;
  event.preventDefault();
  onChoose(bays[at(next).column]!);
  next.focus();
}
