import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useAvailability } from '@/components/api/use-load';
import { localizedName } from '@/lib/i18n/localized-name';
import type { Locale, MessageKey } from '@/lib/i18n/messages';
import { fetchActivePackages, newIdempotencyKey, storeConfirmation, submitBooking, type BookingMember, type CreateBookingBody } from './booking-api';
import {
  alternativeQuote,
  durationChoices,
  endTime,
  estimatePrice,
  fieldErrorsFromApi,
  fieldId,
  freeBaysAt,
  freeHoursFrom,
  isFree,
  packageProblem,
  slotsFor,
  validateBooking,
  type BookingField,
  type DetailValues,
  type FieldErrors,
  type HourPackage,
  type Translate,
} from './booking-rules';

interface Selection {
  time: string | null;
  bay: string | null;
}

/** Why the last submit did not book, as the panel at the end of the form explains it. */
export type Problem =
  | { kind: 'validation' }
  | { kind: 'slotTaken'; date: string; startTime: string; bay: string | null; duration: number; price: number | null; alternativeTimes: string[]; chosen: string | null }
  | { kind: 'package'; message: MessageKey }
  | { kind: 'authRequired' }
  | { kind: 'rateLimited'; minutes: number | null }
  | { kind: 'network' }
  | { kind: 'unavailable' };

const DEFAULT_PEOPLE = 2;

/** The booking form's one state owner: what the steps show, and what they can do. */
export type BookingForm = ReturnType<typeof useBookingForm>['form'];

/**
 * The booking form's state: the chosen date, slot, duration and players from live
 * availability, the contact details (and an hour package for members), and the last submit's
 * outcome. The steps (booking-choice, booking-details, booking-summary) only render it.
 */
export function useBookingForm({
  locale,
  t,
  initial,
  member,
}: {
  locale: Locale;
  t: Translate;
  initial: { date: string; time: string | null; bay: string | null };
  /** The signed-in member's details from their profile (the page reads them with the session), or null for a guest. */
  member: BookingMember | null;
}) {
  const router = useRouter();

  const [date, setDate] = useState(initial.date);
  const [selection, setSelection] = useState<Selection>({ time: null, bay: null });
  // The slot a link asked for (home page grid), applied once its date has loaded.
  const preselect = useRef<{ date: string; time: string; bay: string | null } | null>(
    initial.time ? { date: initial.date, time: initial.time, bay: initial.bay } : null,
  );
  const [preselectMissed, setPreselectMissed] = useState<{ time: string; bay: string | null } | null>(null);

  const [duration, setDuration] = useState(1);
  const [people, setPeople] = useState(DEFAULT_PEOPLE);
  // A member never types their details again: filled in from the profile, still editable.
  const [details, setDetails] = useState<DetailValues>({
    customerName: member?.name ?? '',
    customerEmail: member?.email ?? '',
    customerPhone: member?.phone ?? '',
    specialRequests: '',
  });
  const [packageId, setPackageId] = useState('');
  const [packages, setPackages] = useState<HourPackage[]>([]);

  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);
  const inFlight = useRef(false);
  // The key of the last attempt and what it sent: reused only to retry the same form after
  // the answer was lost (network error, 5xx), so the server can return the booking it made.
  const retryable = useRef<{ key: string; body: string } | null>(null);

  const problemRef = useRef<HTMLDivElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const [focusRequest, setFocusRequest] = useState<{ target: 'problem' | 'submit'; n: number } | null>(null);
  const requestFocus = (target: 'problem' | 'submit') => setFocusRequest((previous) => ({ target, n: (previous?.n ?? 0) + 1 }));

  useEffect(() => {
    if (!focusRequest) return;
    const element = focusRequest.target === 'problem' ? problemRef.current : submitRef.current;
    element?.focus();
    if (focusRequest.target === 'problem') element?.scrollIntoView({ block: 'center' });
  }, [focusRequest]);

  // Live availability of the chosen date; a selection the new answer shows taken is dropped.
  const load = useAvailability(date, (result) => {
    if (!result.ok) return;
    const data = result.data;
    const slots = data.availableSlots;
    const wanted = preselect.current;
    if (wanted && wanted.date === data.date) {
      preselect.current = null;
      const anyBay = slots.find((slot) => slot.available && slot.startTime === wanted.time)?.bay ?? null;
      if (wanted.bay && isFree(slots, wanted.time, wanted.bay)) setSelection({ time: wanted.time, bay: wanted.bay });
      else if (!wanted.bay && anyBay) setSelection({ time: wanted.time, bay: anyBay });
      else {
        // Taken since the link was made: say so, and keep the time if another bay is free then.
        setPreselectMissed({ time: wanted.time, bay: wanted.bay });
        if (anyBay) setSelection({ time: wanted.time, bay: null });
      }
    } else {
      // Keep the time while another bay is free then; drop the bay the answer shows taken.
      setSelection((previous) => {
        if (!previous.time) return previous;
        if (!slots.some((slot) => slot.available && slot.startTime === previous.time)) return { time: null, bay: null };
        if (previous.bay && !isFree(slots, previous.time, previous.bay)) return { time: previous.time, bay: null };
        return previous;
      });
    }
  });

  // A signed-in member is offered their active hour packages.
  const signedIn = member !== null;
  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    void fetchActivePackages(controller.signal).then((active) => {
      if (!controller.signal.aborted) setPackages(active);
    });
    return () => controller.abort();
  }, [signedIn]);

  const day = !load.pending && load.value.ok && load.value.data.date === date ? load.value.data : null;
  const slots = day ? slotsFor(day.availableSlots, signedIn) : null;
  const { time, bay } = selection;
  const chosenSlot = slots && time && bay ? slots.find((slot) => slot.startTime === time && slot.bay === bay && slot.available) : undefined;

  // Durations and party sizes the chosen slot allows; the user's choice is kept and only narrowed.
  const choices = slots ? durationChoices(slots, time, bay) : durationChoices([], null, null);
  const effectiveDuration = choices.includes(duration) ? duration : choices[choices.length - 1]!;
  const maxCapacity = slots?.reduce((max, slot) => Math.max(max, slot.capacity), 0) || 5;
  const capacity = chosenSlot?.capacity ?? null;
  const peopleLimit = capacity ?? maxCapacity;
  const effectivePeople = Math.min(people, peopleLimit);
  const usablePackages = packages.filter((pkg) => !packageProblem(pkg, effectiveDuration, date));
  const chosenPackage = usablePackages.find((pkg) => pkg.id === packageId) ?? null;
  const price = slots && time && bay ? estimatePrice(slots, time, bay, effectiveDuration) : null;

  const formatHours = (hours: number) => (hours === 1 ? t('hoursOne') : t('hoursMany', { n: hours }));
  /** A bay's name as the visitor reads it (Thai when chosen and stored); the form keeps and sends the English one. */
  const bayThOf = (name: string | undefined) => day?.availableSlots.find((slot) => slot.bay === name)?.bayTh ?? null;
  const bayName = (name: string) => localizedName(locale, name, bayThOf(name));

  function clearFieldError(field: BookingField) {
    setFieldErrors((previous) => {
      if (!previous[field]) return previous;
      const next = { ...previous };
      delete next[field];
      return next;
    });
  }

  function changeDate(next: string) {
    if (!next || next === date) return;
    setDate(next);
    setSelection({ time: null, bay: null });
    setPreselectMissed(null);
    clearFieldError('slot');
    if (problem?.kind === 'slotTaken') setProblem(null);
  }

  function chooseTime(next: string) {
    setSelection((previous) => {
      const free = (slots ?? []).filter((slot) => slot.available && slot.startTime === next);
      const keep = previous.bay && free.some((slot) => slot.bay === previous.bay) ? previous.bay : null;
      return { time: next, bay: keep ?? (free.length === 1 ? free[0]!.bay : null) };
    });
    setPreselectMissed(null);
    clearFieldError('slot');
  }

  function chooseBay(next: string) {
    setSelection((previous) => ({ ...previous, bay: next }));
    clearFieldError('slot');
  }

  /** An alternative from the slot-taken panel: another start time in the same bay, or the same time in another bay. */
  function chooseAlternative(alternative: { time: string; bay: string | null }) {
    if (problem?.kind !== 'slotTaken') return;
    setSelection({ time: alternative.time, bay: alternative.bay ?? bay });
    setDuration(problem.duration);
    clearFieldError('slot');
    setProblem({ ...problem, chosen: `${alternative.time}|${alternative.bay ?? ''}` });
    requestFocus('submit');
  }

  function updateDetail(field: keyof DetailValues, value: string) {
    setDetails((previous) => ({ ...previous, [field]: value }));
    clearFieldError(field);
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (inFlight.current || done) return;

    const errors = validateBooking({ time, bay, duration: effectiveDuration, people: effectivePeople, capacity, details });
    if (Object.keys(errors).length > 0) {
      setFieldErrors(errors);
      setProblem({ kind: 'validation' });
      requestFocus('problem');
      return;
    }

    const body: CreateBookingBody = {
      date,
      startTime: time!,
      duration: effectiveDuration,
      bay: bay!,
      customerName: details.customerName.trim(),
      customerEmail: details.customerEmail.trim(),
      customerPhone: details.customerPhone.trim(),
      numberOfPeople: effectivePeople,
      ...(details.specialRequests.trim() ? { specialRequests: details.specialRequests.trim() } : {}),
      ...(chosenPackage ? { packageId: chosenPackage.id } : {}),
      locale,
    };
    const serialized = JSON.stringify(body);
    const key = retryable.current?.body === serialized ? retryable.current.key : newIdempotencyKey();
    retryable.current = null;

    inFlight.current = true;
    setSubmitting(true);
    setFieldErrors({});
    const outcome = await submitBooking(body, key);
    inFlight.current = false;
    setSubmitting(false);

    switch (outcome.kind) {
      case 'success': {
        setDone(true);
        setProblem(null);
        const { bookingReference, confirmationSent, vipCode, demo, manageUrl } = outcome.booking;
        storeConfirmation({
          reference: bookingReference,
          date,
          startTime: body.startTime,
          endTime: endTime(body.startTime, body.duration),
          bay: body.bay ?? '',
          bayTh: bayThOf(body.bay),
          duration: body.duration,
          numberOfPeople: body.numberOfPeople,
          email: body.customerEmail,
          confirmationSent,
          packageName: chosenPackage?.packageName ?? null,
          packageNameTh: chosenPackage?.packageNameTh ?? null,
          price: chosenPackage ? null : price,
          vipCode,
          demo,
        });
        // Replace: Back from the confirmation goes where the customer came from, not to a form that would book again.
        // The manage link's fragment (#t=…) comes along: it is what entitles this browser to see the booking.
        const fragment = manageUrl ? new URL(manageUrl).hash : '';
        router.replace(`/book/confirmed?ref=${encodeURIComponent(bookingReference)}${fragment}`);
        return;
      }
      case 'validation': {
        const fromApi = fieldErrorsFromApi(outcome.fields);
        setFieldErrors(fromApi);
        setProblem(Object.keys(fromApi).length > 0 ? { kind: 'validation' } : { kind: 'unavailable' });
        break;
      }
      case 'slotTaken':
        setProblem({
          kind: 'slotTaken',
          date: outcome.date,
          startTime: outcome.startTime,
          bay: outcome.bay ?? body.bay ?? null,
          duration: body.duration,
          price,
          alternativeTimes: outcome.alternativeTimes,
          chosen: null,
        });
        // Refresh the times below so the taken one disappears and the rest are current.
        load.retry();
        break;
      case 'package': {
        const message: MessageKey =
          outcome.code === 'PACKAGE_EXPIRED' ? 'packageExpired' : outcome.code === 'PACKAGE_NOT_FOUND' ? 'packageNotFound' : 'packageHoursInsufficient';
        setFieldErrors({ packageId: message });
        setProblem({ kind: 'package', message });
        break;
      }
      case 'authRequired':
        setProblem({ kind: 'authRequired' });
        break;
      case 'rateLimited':
        setProblem({ kind: 'rateLimited', minutes: outcome.retryAfterSeconds === null ? null : Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60)) });
        break;
      case 'keyRejected':
        setProblem({ kind: 'unavailable' });
        break;
      case 'network':
      case 'unavailable':
        // The booking may or may not have been made: the same form retried with the same key cannot book twice.
        retryable.current = { key, body: serialized };
        setProblem({ kind: outcome.kind });
        break;
    }
    requestFocus('problem');
  }

  const errorFor = (field: BookingField) => (fieldErrors[field] ? t(fieldErrors[field]!) : null);
  const describedBy = (field: BookingField, hint?: string) =>
    [fieldErrors[field] ? `${fieldId(field)}-error` : null, hint].filter(Boolean).join(' ') || undefined;

  const otherBays =
    problem?.kind === 'slotTaken' && slots && problem.date === date
      ? freeBaysAt(slots, problem.startTime)
          .filter((slot) => slot.bay !== problem.bay && slot.capacity >= effectivePeople && freeHoursFrom(slots, slot.startTime, slot.bay) >= problem.duration)
          .map((slot) => slot.bay)
      : [];

  const form = {
    date,
    load,
    day,
    slots,
    time,
    bay,
    preselectMissed,
    choices,
    /** The duration asked for (the start times are priced for it); effectiveDuration is what the chosen slot allows of it. */
    duration,
    effectiveDuration,
    capacity,
    peopleLimit,
    effectivePeople,
    details,
    user: member,
    packages,
    chosenPackage,
    price,
    fieldErrors,
    problem,
    otherBays,
    /** What an alternative of the slot-taken panel costs, and how much more than the taken slot. */
    alternativePrice(alternative: { time: string; bay: string }) {
      if (problem?.kind !== 'slotTaken' || !slots || problem.date !== date) return null;
      return alternativeQuote(slots, alternative.time, alternative.bay, problem.duration, problem.price);
    },
    submitting,
    done,
    formatHours,
    bayName,
    errorFor,
    describedBy,
    changeDate,
    chooseTime,
    chooseBay,
    chooseAlternative,
    chooseDuration(hours: number) {
      setDuration(hours);
      clearFieldError('duration');
    },
    choosePeople(n: number) {
      setPeople(n);
      clearFieldError('numberOfPeople');
    },
    choosePackage(id: string) {
      setPackageId(id);
      if (id) clearFieldError('packageId');
    },
    updateDetail,
    submit,
  };
  // The refs stay apart from the state: the steps read `form` while rendering.
  return { form, problemRef, submitRef };
}
