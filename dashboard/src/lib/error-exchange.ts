import { mapExchange, type Exchange } from 'urql';
import { apiErrorOf, type ApiError } from './api-errors';

export interface ErrorHandlers {
  /** The session is gone (signed out elsewhere, expired): back to sign-in. */
  onUnauthenticated: () => void;
  /** A query or subscription lost its object (deleted, access withdrawn): the shell shows a notice. */
  onLost: (error: ApiError) => void;
}

/**
 * The one place that reacts to API errors for every operation. Mutations' refusals (RATE_LIMITED with
 * retryAfterMs, TIMED_OUT, FORBIDDEN) stay on the operation's result so the control that sent it can
 * show the reason next to the kept draft; only what concerns the whole page is handled here.
 */
export function errorExchange(handlers: ErrorHandlers): Exchange {
  return mapExchange({
    onError(error, operation) {
      const apiError = apiErrorOf(error);
      if (!apiError) return;
      if (apiError.code === 'UNAUTHENTICATED') handlers.onUnauthenticated();
      else if ((apiError.code === 'NOT_FOUND' || apiError.code === 'FORBIDDEN') && operation.kind !== 'mutation') handlers.onLost(apiError);
    },
  });
}
