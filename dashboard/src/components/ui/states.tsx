import type { ApiError } from '@/lib/api-errors';

export function LoadingState({ label, fullPage }: { label: string; fullPage?: boolean }) {
  return (
    <div className={fullPage ? 'state full-page' : 'state'} role="status" aria-busy="true">
      <span className="spinner" aria-hidden />
      <span className="muted">{label}</span>
    </div>
  );
}

export function ErrorState({ error, onRetry, fullPage }: { error: ApiError | undefined; onRetry?: () => void; fullPage?: boolean }) {
  return (
    <div className={fullPage ? 'state full-page' : 'state'} role="alert">
      <p>{error?.message ?? 'Something went wrong.'}</p>
      {onRetry && (
        <button type="button" className="button ghost" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
