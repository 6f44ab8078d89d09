/** Class names of the forms and sections (booking, VIP portal, lucky draw), kept apart from ./styles so the home page does not load them. */

export const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base focus:border-turf-500 focus:outline-none focus:ring-2 focus:ring-turf-500 aria-[invalid=true]:border-red-600';

export const labelClass = 'block text-sm font-medium text-slate-700';

export const sectionClass = 'rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6';

export const sectionHeading = 'text-lg font-semibold text-turf-900';

/** A radio drawn as a selectable card; the native radio stays visible for clarity and tests. */
export const choiceCard =
  'flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-slate-800 hover:border-turf-500 has-[:checked]:border-turf-600 has-[:checked]:bg-turf-100 has-[:checked]:ring-1 has-[:checked]:ring-turf-600 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-turf-500';

export const radioClass = 'h-4 w-4 shrink-0 accent-turf-600';

/**
 * A choice drawn as a toggle button (`aria-pressed`): each one a Tab stop chosen with Enter or
 * Space, unlike a radio group's arrow keys. Pressed shows by border, fill, ring and weight, not colour alone.
 */
export const chipButton =
  'flex min-h-11 flex-col items-center justify-center rounded-md border border-slate-300 bg-white px-2 py-1 text-center leading-tight text-slate-800 hover:border-turf-500 aria-pressed:border-2 aria-pressed:border-turf-700 aria-pressed:bg-turf-100 aria-pressed:font-semibold aria-pressed:text-turf-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-600 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50';
