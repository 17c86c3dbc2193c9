import { backoffDelay, sleep } from './backoff.js';
import { ApiError, ConnectionError } from './errors.js';

/**
 * Runs tasks one at a time per key (a channel), in the order given. A RATE_LIMITED answer waits the
 * API's `retryAfterMs` and tries again; a lost connection retries with backoff. Nothing is dropped:
 * a task settles only with its result or a final error (FORBIDDEN, BAD_USER_INPUT…), or when the
 * queue is closed.
 */
export class SendQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly closing = new AbortController();

  enqueue<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(
      () => this.attempt(task),
      () => this.attempt(task),
    );
    this.tails.set(key, run);
    const forget = () => {
      if (this.tails.get(key) === run) this.tails.delete(key);
    };
    run.then(forget, forget);
    return run;
  }

  /** Tasks still waiting or running, per key. */
  get pending(): number {
    return this.tails.size;
  }

  /** Waits for every queued task to settle. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.allSettled([...this.tails.values()]);
  }

  /** Stops retrying: waiting tasks reject. */
  close(): void {
    this.closing.abort(new Error('send queue closed'));
  }

  private async attempt<T>(task: () => Promise<T>): Promise<T> {
    for (let failures = 0; ;) {
      if (this.closing.signal.aborted) throw this.closing.signal.reason;
      try {
        return await task();
      } catch (error) {
        if (error instanceof ApiError && error.code === 'RATE_LIMITED') {
          await sleep(error.retryAfterMs ?? backoffDelay(failures++), this.closing.signal);
        } else if (error instanceof ConnectionError && !error.fatal) {
          await sleep(backoffDelay(failures++), this.closing.signal);
        } else throw error;
      }
    }
  }
}
