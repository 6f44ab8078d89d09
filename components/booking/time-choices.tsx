import { chipButton } from '@/components/ui/form-styles';

/**
 * Start times as toggle buttons (one Tab stop each, Enter or Space picks), for the booking form
 * and the VIP move dialog; `detail` adds a second line (the booking form's price) to a time's name.
 */
export function TimeChoices({
  times,
  chosen,
  onChoose,
  gridClassName,
  detail,
}: {
  times: string[];
  chosen: string | null;
  onChoose: (time: string) => void;
  gridClassName: string;
  detail?: (time: string) => string | null;
}) {
  return (
    <div className={gridClassName}>
      {times.map((start) => {
        const line = detail?.(start);
        return (
          <button key={start} type="button" aria-pressed={chosen === start} onClick={() => onChoose(start)} className={chipButton}>
            <span className="font-mono">{start}</span>
            {line && (
              <span className="text-xs font-normal text-slate-600">
                <span className="sr-only">, </span>
                {line}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
