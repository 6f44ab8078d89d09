import { choiceCard, radioClass } from '@/components/ui/form-styles';

/** Start times as a grid of radios (`name="startTime"`), for the booking form and the VIP move dialog. */
export function TimeChoices({ times, chosen, onChoose, gridClassName }: { times: string[]; chosen: string | null; onChoose: (time: string) => void; gridClassName: string }) {
  return (
    <div className={gridClassName}>
      {times.map((start) => (
        <label key={start} className={`${choiceCard} justify-center px-2 font-mono`}>
          <input type="radio" name="startTime" value={start} checked={chosen === start} onChange={() => onChoose(start)} className={radioClass} />
          <span>{start}</span>
        </label>
      ))}
    </div>
  );
}
