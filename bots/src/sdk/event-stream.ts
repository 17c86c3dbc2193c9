import type { EventEmitter } from 'node:events';

/**
 * Events as an async iterator: `for await (const m of stream)` until `signal` aborts or the
 * emitter emits `endEvent`. Events that arrive while the loop body runs are buffered, not lost.
 */
export function eventStream<T>(emitter: EventEmitter, event: string, endEvent: string, signal?: AbortSignal): AsyncIterableIterator<T> {
  const buffered: T[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  const onEvent = (value: T) => {
    buffered.push(value);
    wake?.();
  };
  const end = () => {
    ended = true;
    emitter.off(event, onEvent);
    emitter.off(endEvent, end);
    signal?.removeEventListener('abort', end);
    wake?.();
  };
  emitter.on(event, onEvent);
  emitter.once(endEvent, end);
  signal?.addEventListener('abort', end, { once: true });
  if (signal?.aborted) end();

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<T>> {
      while (buffered.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      if (buffered.length > 0) return { value: buffered.shift()!, done: false };
      return { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<T>> {
      end();
      return { value: undefined, done: true };
    },
  };
}
