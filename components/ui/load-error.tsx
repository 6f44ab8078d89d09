import { secondaryButton } from './styles';

/** A failed load: what went wrong and a button that tries again. */
export function LoadError({ message, retryLabel, onRetry }: { message: string; retryLabel: string; onRetry: () => void }) {
  return (
    <div role="alert" className="rounded-md bg-red-50 p-4 text-red-800">
      <p>{message}</p>
      <button type="button" onClick={onRetry} className={`${secondaryButton} mt-2`}>
        {retryLabel}
      </button>
    </div>
  );
}
