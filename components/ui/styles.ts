/** Button class names shared by every page (the look of the home page's controls); form and section classes are in ./form-styles, which the home page does not load. */

export const primaryButton =
  'inline-flex items-center justify-center rounded-md bg-turf-600 px-4 py-2.5 text-base font-medium text-white hover:bg-turf-700 disabled:cursor-not-allowed disabled:opacity-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500 focus-visible:ring-offset-2';

export const secondaryButton =
  'inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-base text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40 focus:outline-none focus-visible:ring-2 focus-visible:ring-turf-500';
