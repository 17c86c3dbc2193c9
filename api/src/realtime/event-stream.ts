/**
 * A push-fed async iterator whose `return()` takes effect at once, even while a consumer is
 * waiting for the next item (an async generator would wait for that item before cleaning up).
 * A consumer that falls `maxBuffered` items behind is cut off rather than growing without bound.
 */
export class EventStream<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private closed = false;

  constructor(
    private readonly onClose: () => void,
    private readonly maxBuffered = 10_000,
  ) {}

  push(item: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: item, done: false });
    } else if (this.buffer.length >= this.maxBuffered) {
      void this.return();
    } else {
      this.buffer.push(item);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      this.buffer.length = 0;
      this.onClose();
      this.waiting?.({ value: undefined, done: true });
      this.waiting = null;
    }
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}

/** Runs `body` over `stream`, and makes the result's `return()` close the stream immediately. */
export function closeWith<T, S>(stream: EventStream<S>, body: AsyncGenerator<T>): AsyncIterableIterator<T> {
  return {
    next: () => body.next(),
    return: async () => {
      await stream.return();
      return body.return(undefined);
    },
    throw: (error: unknown) => body.throw(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
