import { execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { FanoutItem } from '../realtime/fanout-item.js';
import type { GraphqlContext } from './context.js';
import { personalScope } from './personal-fields.js';

const isFanoutItem = (value: unknown): value is FanoutItem<object> =>
  typeof value === 'object' && value !== null && 'event' in value && 'view' in value && typeof (value as FanoutItem).event === 'object';

/**
 * Resolve once, serialise once, send many, for subscriptions whose source is an async iterator of
 * FanoutItems (push feeds have their own, leaner path: push-feed.ts). Subscribers in this process
 * that share an event, an operation (document, variables) and a permission view share one
 * execution and one JSON string.
 */
export class SubscriptionFanout {
  /** Executions run; a test and /metrics read it. */
  executions = 0;
  private readonly resultsByEvent = new WeakMap<object, WeakMap<DocumentNode, Map<string, Promise<ExecutionResult>>>>();
  private readonly jsonByResult = new WeakMap<object, string>();

  /** Fresh loaders per execution; the wiring builds them, since they read the features. */
  constructor(private readonly createLoaders: (services: GraphqlContext['services']) => GraphqlContext['loaders']) {}

  /**
   * Maps source items to results. Hand-rolled rather than an async generator: a generator's
   * return() waits for its pending next() (the next event, maybe never), so an unsubscribe would
   * keep its Redis listener alive; here return() reaches the source at once.
   */
  results(source: AsyncIterable<unknown>, args: ExecutionArgs): AsyncIterableIterator<ExecutionResult> {
    const viewer = (args.contextValue as GraphqlContext).viewer;
    const operationKey = `${JSON.stringify(args.operationName ?? '')}\0${JSON.stringify(args.variableValues ?? {})}${personalScope(args.schema, args.document, viewer?.userId)}`;
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

  /** The JSON of a result, computed once for a result shared by many subscribers. */
  json(result: ExecutionResult, serialise: (result: ExecutionResult) => string): string {
    let json = this.jsonByResult.get(result);
    if (json === undefined) {
      json = serialise(result);
      this.jsonByResult.set(result, json);
    }
    return json;
  }

  private resultFor(item: unknown, args: ExecutionArgs, operationKey: string): Promise<ExecutionResult> {
    if (!isFanoutItem(item)) return this.run(args, item);
    // The document object is shared by every subscriber of one query string (DocumentCache).
    let perDocument = this.resultsByEvent.get(item.event);
    if (!perDocument) {
      perDocument = new WeakMap();
      this.resultsByEvent.set(item.event, perDocument);
    }
    let perOperation = perDocument.get(args.document);
    if (!perOperation) {
      perOperation = new Map();
      perDocument.set(args.document, perOperation);
    }
    const key = `${operationKey}\0${item.view}`;
    let result = perOperation.get(key);
    if (!result) {
      result = this.run(args, item);
      perOperation.set(key, result);
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
}
