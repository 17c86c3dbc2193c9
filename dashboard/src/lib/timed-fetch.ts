/**
 * fetch that gives up after `timeoutMs`. Where the way to the API goes silent (packets dropped, a
 * laptop waking behind a NAT that forgot it), a request is otherwise left waiting for the operating
 * system's TCP timeout, minutes on end: a history page would show "Loading…" for good. The caller's
 * own signal (urql's, for a teardown) still aborts it.
 */
export function fetchWithTimeout(timeoutMs: number, base: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return base(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}
