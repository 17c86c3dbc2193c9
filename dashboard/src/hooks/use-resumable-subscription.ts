'use client';

import { useEffect, useRef } from 'react';
import { useClient, type AnyVariables, type TypedDocumentNode } from 'urql';
import { onEnd, pipe, subscribe } from 'wonka';
import { apiErrorOf, type ApiError } from '@/lib/api-errors';

const MAX_BACKOFF_MS = 5_000;

interface ResumableOptions<Data, Variables extends AnyVariables> {
  document: TypedDocumentNode<Data, Variables>;
  /** Variables for each (re)subscription, read at that moment: channelEvents passes `since` here. */
  variables: () => Variables;
  /** Subscription restarts when this changes (the channel or server id). */
  key: string | undefined;
  onData: (data: Data) => void;
  /** The API ended the stream for good (NOT_FOUND, FORBIDDEN, or it completed: access lost). */
  onEnded?: (error: ApiError | undefined) => void;
}

/**
 * A subscription that survives network drops and API restarts: after a transport error it subscribes
 * again (backing off up to 5 s) with fresh variables. Refusals end it and are reported once.
 */
export function useResumableSubscription<Data, Variables extends AnyVariables>(options: ResumableOptions<Data, Variables>): void {
  const client = useClient();
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  const { key } = options;
  useEffect(() => {
    if (key === undefined) return;
    let stopped = false;
    let attempt = 0;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let current: { unsubscribe: () => void } | undefined;

    const start = () => {
      let failed = false;
      current = pipe(
        client.subscription(latest.current.document, latest.current.variables()),
        onEnd(() => {
          if (stopped || failed) return;
          latest.current.onEnded?.(undefined);
        }),
        subscribe((result) => {
          if (result.error) {
            const error = apiErrorOf(result.error);
            failed = true;
            current?.unsubscribe();
            if (error && error.code !== 'NETWORK_ERROR' && error.code !== 'INTERNAL') {
              latest.current.onEnded?.(error);
              return;
            }
            const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt++);
            retry = setTimeout(() => !stopped && start(), delay);
            return;
          }
          if (result.data) {
            attempt = 0;
            latest.current.onData(result.data);
          }
        }),
      );
    };
    start();
    return () => {
      stopped = true;
      clearTimeout(retry);
      current?.unsubscribe();
    };
  }, [client, key]);
}
