import type { ReactNode } from 'react';
import { inputClass, labelClass } from '@/components/ui/form-styles';
import { fieldId, type BookingField } from './booking-rules';

/** One step of the form: a section named by its heading (tighter than other pages' sections, so a phone shows more of the form). */
export function Step({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:p-5">
      <h2 id={id} className="text-base font-semibold text-turf-900 sm:text-lg">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A field's error under it, named so the field's aria-describedby can point at it. */
export function FieldError({ field, message }: { field: BookingField; message: string | null }) {
  if (!message) return null;
  return (
    <p id={`${fieldId(field)}-error`} className="mt-1 text-sm font-medium text-red-700">
      {message}
    </p>
  );
}

/** A control with its label above, and a hint and the field's error below. */
function Field({ field, label, hint, error, children }: { field: BookingField; label: string; hint: { id: string; text: string } | null; error: string | null; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={fieldId(field)} className={labelClass}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={hint.id} className="mt-1 text-xs text-slate-600">
          {hint.text}
        </p>
      )}
      <FieldError field={field} message={error} />
    </div>
  );
}

export function TextField(props: {
  field: Extract<BookingField, 'customerName' | 'customerEmail' | 'customerPhone'>;
  label: string;
  value: string;
  type?: 'text' | 'email' | 'tel';
  autoComplete: string;
  maxLength: number;
  hint?: string;
  error: string | null;
  onChange: (value: string) => void;
}) {
  const id = fieldId(props.field);
  const describedBy = [props.error ? `${id}-error` : null, props.hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <Field field={props.field} label={props.label} hint={props.hint ? { id: `${id}-hint`, text: props.hint } : null} error={props.error}>
      <input
        id={id}
        name={props.field}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        required
        aria-invalid={Boolean(props.error)}
        aria-describedby={describedBy}
        onChange={(event) => props.onChange(event.target.value)}
        className={inputClass}
      />
    </Field>
  );
}

/** A select of numbers (hours, players). */
export function NumberSelect(props: {
  field: Extract<BookingField, 'duration' | 'numberOfPeople'>;
  label: string;
  value: number;
  options: { value: number; label: string }[];
  describedBy: string | undefined;
  hint: { id: string; text: string } | null;
  error: string | null;
  onChange: (value: number) => void;
}) {
  return (
    <Field field={props.field} label={props.label} hint={props.hint} error={props.error}>
      <select
        id={fieldId(props.field)}
        name={props.field}
        value={props.value}
        onChange={(event) => props.onChange(Number(event.target.value))}
        aria-invalid={Boolean(props.error)}
        aria-describedby={props.describedBy}
        className={inputClass}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
