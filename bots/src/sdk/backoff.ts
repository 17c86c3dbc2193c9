export interface BackoffOptions {
  /** First wait, doubled on each attempt. Default 250 ms. */
  initialMs?: number;
  /** Longest wait. Default 30 s. */
  maxMs?: number;
}

/** Exponential backoff with up to 25% jitter, so many bots do not reconnect in lockstep. */
export function backoffDelay(attempt: number, { initialMs = 250, maxMs = 30_000 }: BackoffOptions = {}): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt));
  return Math.round(base + Math.random() * base * 0.25);
}

/** Resolves after `ms`, or at once (rejecting) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
