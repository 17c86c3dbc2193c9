import { randomBytes } from 'node:crypto';
import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { FanoutItem } from '../realtime/fanout-item.js';
import type { GraphqlContext } from './context.js';

const isFanoutItem = (value: unknown): value is FanoutItem<object> =>
  typeof value === 'object' && value !== null && 'event' in value && 'view' in value && typeof (value as FanoutItem).event === 'object';

/**
 * Resolve once, serialise once, send many. Subscribers in this process that share an event, an
 * operation (document, variables) and a permission view share one execution; graphql-ws then sends
 * that one result object to each, and `replacer` + `wrapSend` splice in its JSON, stringified once.
 */
export class SubscriptionFanout {
  /** Executions run; a test and /metrics read it. */
  executions = 0;
  private readonly resultsByEvent = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  private readonly shared = new WeakSet<object>();
  private readonly json = new WeakMap<object, string>();
  private readonly pending = new Map<string, string>();
  private readonly tokenPrefix = `\u0001rashigo-${randomBytes(12).toString('hex')}-`;
  private tokenCounter = 0;

  /** Fresh loaders per execution; the wiring builds them, since they read the features. */
  constructor(private readonly createLoaders: (services: GraphqlContext['services']) => GraphqlContext['loaders']) {}

  /** graphql-ws `subscribe` hook. */
  subscribe = async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const operationKey = `${print(args.document)}\0${args.operationName ?? ''}\0${JSON.stringify(args.variableValues ?? {})}`;
    return this.mapped(source, args, operationKey);
  };

  /**
   * Maps source items to results. Hand-rolled rather than an async generator: a generator's
   * return() waits for its pending next() (the next event, maybe never), so an unsubscribe would
   * keep its Redis listener alive; here return() reaches the source at once.
   */
  private mapped(source: AsyncIterable<unknown>, args: ExecutionArgs, operationKey: string): AsyncIterableIterator<ExecutionResult> {
    const iterator = source[Symbol.asyncIterator]();
    const done = async (): Promise<IteratorResult<ExecutionResult>> => {
      await iterator.return?.();
      return { value: undefined, done: true };
    };
    const mapped: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        const item = await iterator.next();
        return item.done ? { value: undefined, done: true } : { value: await this.resultFor(item.value, args, operationKey), done: false };
      },
      return: done,
      throw: async (error: unknown) => {
        await done();
        throw error;
      },
      [Symbol.asyncIterator]() {
        return mapped;
      },
    };
    return mapped;
  }

  private resultFor(item: unknown, args: ExecutionArgs, operationKey: string): Promise<ExecutionResult> {
    if (!isFanoutItem(item)) return this.run(args, item);
    let perEvent = this.resultsByEvent.get(item.event);
    if (!perEvent) {
      perEvent = new Map();
      this.resultsByEvent.set(item.event, perEvent);
    }
    const key = `${operationKey}\0${item.view}`;
    let result = perEvent.get(key);
    if (!result) {
      result = this.run(args, item).then((r) => {
        if (!r.errors?.length) this.shared.add(r);
        return r;
      });
      perEvent.set(key, result);
    }
    return result;
  }

  private async run(args: ExecutionArgs, rootValue: unknown): Promise<ExecutionResult> {
    this.executions += 1;
    const context = args.contextValue as GraphqlContext;
    // Fresh loaders per event: a long-lived subscription must not serve stale cached rows.
    return execute({
      ...args,
      rootValue,
      contextValue: { ...context, loaders: this.createLoaders(context.services) },
    }) as Promise<ExecutionResult>;
  }

  /** graphql-ws `onNext`: hand over the shared result itself so `replacer` can recognise it. */
  onNext = (result: ExecutionResult): ExecutionResult | undefined => (this.shared.has(result) ? result : undefined);

  /** graphql-ws `jsonMessageReplacer`: a shared payload becomes a token, replaced by its JSON in `wrapSend`. */
  replacer = (key: string, value: unknown): unknown => {
    if (key !== 'payload' || typeof value !== 'object' || value === null || !this.shared.has(value)) return value;
    let json = this.json.get(value);
    if (json === undefined) {
      json = JSON.stringify(value);
      this.json.set(value, json);
    }
    const token = `${this.tokenPrefix}${(this.tokenCounter += 1)}`;
    if (this.pending.size > 1000) this.pending.clear();
    this.pending.set(token, json);
    return token;
  };

  /** Patches a socket's send so the token (always JSON-quoted, with an unguessable prefix) becomes the JSON. */
  wrapSend(socket: { send: (data: string, ...rest: never[]) => void }): void {
    const send = socket.send.bind(socket) as (data: string, ...rest: unknown[]) => void;
    socket.send = ((data: string, ...rest: unknown[]) => {
      if (typeof data === 'string' && data.includes('rashigo-')) {
        for (const [token, json] of this.pending) {
          const quoted = JSON.stringify(token);
          if (data.includes(quoted)) {
            data = data.replace(quoted, () => json);
            this.pending.delete(token);
            break;
          }
        }
      }
      send(data, ...rest);
    }) as typeof socket.send;
  }
}
