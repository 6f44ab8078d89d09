'use client';

import { useEffect, useRef, type ReactNode } from 'react';
import { secondaryButton } from '@/components/ui/styles';

/**
 * A modal on the native <dialog>: the browser traps focus and closes it on Escape; focus
 * goes back to the element that opened it. Rendered only while open.
 */
export function VipDialog({
  labelledBy,
  describedBy,
  onClose,
  children,
  testId,
}: {
  labelledBy: string;
  describedBy?: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const cancel = (event: Event) => {
      // Escape: close through the owner, so its state stays the source of truth.
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      data-testid={testId}
      className="w-[calc(100%-2rem)] max-w-lg rounded-xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="max-h-[85vh] overflow-y-auto p-4 sm:p-6">{children}</div>
    </dialog>
  );
}

/** A dialog's buttons: close without doing anything, and submit (saying it is busy while it works). */
export function DialogActions({
  labels,
  onClose,
  busy,
  disabled = false,
  submitClassName,
  className = 'flex flex-wrap justify-end gap-2',
}: {
  labels: { close: string; submit: string; busy: string };
  onClose: () => void;
  busy: boolean;
  disabled?: boolean;
  submitClassName: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <button type="button" onClick={onClose} className={secondaryButton}>
        {labels.close}
      </button>
      <button type="submit" disabled={busy || disabled} aria-busy={busy} className={submitClassName}>
        {busy ? labels.busy : labels.submit}
      </button>
    </div>
  );
}
