import { GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { fanoutItem } from '../realtime/fanout-item.js';
import { CompiledOperations } from './compiled-operations.js';
import type { GraphqlContext } from './context.js';

/**
 * What a push subscription source drives: events go in synchronously, in order, and come out as
 * frames on the subscriber's socket. Events wait while `hold`ing (an access re-check in progress).
 */
export interface FeedSink<E> {
  /** The permission view later events are executed for. */
  setView(view: string): void;
  /** Sent now (in order), or kept until `resume` while held. */
  push(event: E): void;
  hold(): void;
  resume(): void;
  /** Ends the subscription (the client gets `complete`). */
  end(): void;
}

/** A running operation or feed: what stops it. An object rather than a closure, as thousands are held. */
export interface Stoppable {
  stop(): void;
}

/** Returned by a subscription field's `subscribe`; `start` wires the sink and returns what stops it. */
export interface PushFeed<E> {
  start(sink: FeedSink<E>): Promise<Stoppable>;
  /** graphql-js accepts only async iterables from `subscribe`; the websocket server calls `start` instead. */
  [Symbol.asyncIterator](): never;
}

export function pushFeed<E>(start: PushFeed<E>['start']): PushFeed<E> {
  return {
    start,
    [Symbol.asyncIterator]() {
      throw new Error('A push feed is started by the websocket server, not iterated');
    },
  };
}

export const isPushFeed = (value: unknown): value is PushFeed<object> =>
  typeof value === 'object' && value !== null && typeof (value as PushFeed<object>).start === 'function';

/** One execution's frame payload (UTF-8, encoded once); subscribers arriving before it is ready wait in `waiters`. */
interface Entry {
  payload: Buffer | null;
  waiters: PushSubscriber[];
}

/** The parts of an operation that decide its result for an event, besides the view. */
export interface SharedOperation {
  key: string;
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  /** The first subscriber's, for the group; loaders are made fresh for each execution. */
  context: Omit<GraphqlContext, 'loaders'>;
}

/** Subscribers sharing an operation and a permission view: one execution and one JSON per event. */
class Group {
  members = 0;
  private lastEvent: object | null = null;
  private lastEntry: Entry | null = null;
  private readonly entries = new WeakMap<object, Entry>();

  constructor(
    readonly key: string,
    private readonly operation: SharedOperation,
    private readonly view: string,
    private readonly hub: PushFanout,
  ) {}

  entry(event: object): Entry {
    if (event === this.lastEvent) return this.lastEntry!;
    let entry = this.entries.get(event);
    if (!entry) {
      entry = this.hub.execute(this.operation, event, this.view);
      this.entries.set(event, entry);
    }
    this.lastEvent = event;
    this.lastEntry = entry;
    return entry;
  }
}

/** Where a subscriber's results go: its socket (with the frame prefix of its operation id). */
export interface PushOutput {
  /** Writes `{"id":…,"type":"next","payload":` + payload + `}`, or ends the subscriber. */
  write(payload: Buffer): void;
  /** The feed ended the subscription (the client gets `complete`). */
  ended(): void;
}

/**
 * One subscriber of a push feed: its output and its place in a group. Everything here
 * runs synchronously when an event arrives, unless the group's execution is still running, in which
 * case later events queue behind it (order is kept per subscriber).
 */
export class PushSubscriber implements FeedSink<object> {
  private group: Group | null = null;
  private out: object[] | null = null;
  private held: object[] | null = null;
  private closed = false;

  constructor(
    private readonly hub: PushFanout,
    private readonly operation: SharedOperation,
    private readonly output: PushOutput,
  ) {}

  setView(view: string): void {
    if (this.closed) return;
    const group = this.hub.join(this.operation, view);
    if (this.group) this.hub.leave(this.group);
    this.group = group;
  }

  push(event: object): void {
    if (this.held) this.held.push(event);
    else this.deliver(event);
  }

  private deliver(event: object): void {
    if (this.closed || !this.group) return;
    // Executed now even when queued behind another: executions of events that arrived together
    // finish together, and their frames leave in one write (PushFanout.drainReady).
    const entry = this.group.entry(event);
    if (this.out) {
      this.out.push(event);
      return;
    }
    if (entry.payload !== null) this.output.write(entry.payload);
    else {
      this.out = [event];
      entry.waiters.push(this);
    }
  }

  /** Called when the execution this subscriber waits for is done. */
  drain(): void {
    while (this.out && this.group && this.out.length > 0) {
      const entry = this.group.entry(this.out[0]!);
      if (entry.payload === null) {
        entry.waiters.push(this);
        return;
      }
      this.out.shift();
      this.output.write(entry.payload);
    }
    this.out = null;
  }

  hold(): void {
    this.held ??= [];
  }

  resume(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const event of held) this.deliver(event);
  }

  end(): void {
    if (this.close()) this.output.ended();
  }

  /** Stops delivery; true the first time. */
  close(): boolean {
    if (this.closed) return false;
    this.closed = true;
    this.out = this.held = null;
    if (this.group) this.hub.leave(this.group);
    this.group = null;
    return true;
  }
}

/**
 * Fan-out for push feeds: groups by (operation, permission view), so each event is executed,
 * stringified and encoded once per group, and each socket gets one frame and one write.
 */
export class PushFanout {
  executions = 0;
  private readonly groups = new Map<string, Group>();
  /** Executions finished since the waiters were last drained. */
  private ready: Entry[] = [];
  private batch: (deliver: () => void) => void = (deliver) => deliver();

  constructor(
    private readonly createLoaders: (services: GraphqlContext['services']) => GraphqlContext['loaders'],
    private readonly serialise: (result: ExecutionResult) => string,
    private readonly compiled = new CompiledOperations(),
  ) {}

  /**
   * `batch` wraps the writes of executions that finished together (the websocket server joins each
   * socket's frames into one write). Most executions finish asynchronously, after the batch of
   * events that started them was handed on, so they need their own.
   */
  batchWritesWith(batch: (deliver: () => void) => void): void {
    this.batch = batch;
  }

  subscriber(operation: SharedOperation, output: PushOutput): PushSubscriber {
    return new PushSubscriber(this, operation, output);
  }

  join(operation: SharedOperation, view: string): Group {
    const key = `${operation.key}\0${view}`;
    let group = this.groups.get(key);
    if (!group) {
      group = new Group(key, operation, view, this);
      this.groups.set(key, group);
    }
    group.members += 1;
    return group;
  }

  leave(group: Group): void {
    group.members -= 1;
    if (group.members === 0 && this.groups.get(group.key) === group) this.groups.delete(group.key);
  }

  execute(operation: SharedOperation, event: object, view: string): Entry {
    this.executions += 1;
    const { schema, document, operationName, variableValues, context } = operation;
    const entry: Entry = { payload: null, waiters: [] };
    const run = this.compiled.runner(schema, document, operationName);
    const contextValue: GraphqlContext = {
      viewer: context.viewer,
      ip: context.ip,
      userAgent: context.userAgent,
      requestId: context.requestId,
      services: context.services,
      // Fresh loaders per event: a long-lived subscription must not serve stale cached rows.
      loaders: this.createLoaders(context.services),
    };
    const result = run(fanoutItem(event, view), contextValue, variableValues);
    if (!(result instanceof Promise)) {
      entry.payload = Buffer.from(this.serialise(result));
      return entry;
    }
    void result
      .catch((error: unknown) => ({ errors: [new GraphQLError('Execution failed', { originalError: error as Error })] }))
      .then((done) => {
        entry.payload = Buffer.from(this.serialise(done));
        // Drained once every execution that can finish without I/O has: after this round of microtasks.
        if (this.ready.push(entry) === 1) process.nextTick(this.drainReady);
      });
    return entry;
  }

  private readonly drainReady = (): void => {
    const ready = this.ready;
    this.ready = [];
    this.batch(() => {
      for (const entry of ready) for (const waiter of entry.waiters.splice(0)) waiter.drain();
    });
  };
}
