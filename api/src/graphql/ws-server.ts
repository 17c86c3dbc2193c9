import type { IncomingMessage, Server as HttpServer } from 'node:http';
import {
  createSourceEventStream,
  getOperationAST,
  GraphQLError,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import type { CompiledOperations } from './compiled-operations.js';
import type { GraphqlContext } from './context.js';
import type { DocumentCache } from './documents.js';
import type { SubscriptionFanout } from './fanout.js';
import { personalScope } from './personal-fields.js';
import { isPushFeed, type PushFanout, type PushFeed, type PushOutput, type PushSubscriber, type Stoppable } from './push-feed.js';
import { tcpSocketOf, textFrame } from './ws-frame.js';
import { userAgentOf } from '../http/user-agent.js';
import { everyInSlices } from '../kernel/time/sliced-rounds.js';

const PROTOCOL = 'graphql-transport-ws';

/** graphql-ws's close codes, the protocol clients know. */
const Close = {
  InternalServerError: 4500,
  BadRequest: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  SubprotocolNotAcceptable: 4406,
  ConnectionInitialisationTimeout: 4408,
  SubscriberAlreadyExists: 4409,
  TooManyInitialisationRequests: 4429,
} as const;

export interface WsConnection<A> {
  readonly socket: WebSocket;
  /** The client's address, read once on connecting (the upgrade request is not kept). */
  readonly ip: string;
  /** Its User-Agent, read with the address. */
  readonly userAgent: string | null;
  /** What `connect` returned on connection_init. */
  auth: A | null;
  acked: boolean;
  initialised: boolean;
  /** Whether the peer answered the last ping (or none was sent), and when that ping went. */
  alive: boolean;
  pingedAt: number;
  initTimer: NodeJS.Timeout | null;
  /** Running operations by client id: what stops each. */
  readonly operations: Map<string, Stoppable>;
}

export interface WsServerOptions<A> {
  schema: GraphQLSchema;
  documents: DocumentCache;
  /** Throws a GraphQLError for an operation over the query limits. */
  checkLimits(
    document: NonNullable<ReturnType<DocumentCache['get']>['document']>,
    variables: Record<string, unknown> | undefined,
    operationName: string | null | undefined,
  ): void;
  /** The client's address from the upgrade request. */
  clientIp(request: IncomingMessage): string;
  /** connection_init: the connection's auth, or false to refuse it (4403). */
  connect(params: Record<string, unknown> | undefined, connection: WsConnection<A>): Promise<A | false>;
  /** The socket closed (or the server is closing); its operations are stopped already. */
  disconnect?(connection: WsConnection<A>): void;
  /** Each operation's context, loaders aside (made per execution). */
  context(connection: WsConnection<A>): Promise<Omit<GraphqlContext, 'loaders'>>;
  createLoaders(services: GraphqlContext['services']): GraphqlContext['loaders'];
  /** Errors as clients see them (internals hidden). */
  formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[];
  fanout: SubscriptionFanout;
  push: PushFanout;
  /** How queries and mutations sent over the socket are executed (the HTTP transport's too). */
  operations: CompiledOperations;
  /** A socket with more unsent bytes than this is cut off (a slow consumer is never buffered without bound). */
  maxBufferedBytes: number;
  /** The largest message a client may send; a larger one closes the socket (ws answers 1009). */
  maxPayload: number;
  keepAliveMs?: number;
  initTimeoutMs?: number;
}

/** JSON of a result, its errors formatted for clients. */
export const resultSerialiser =
  (formatErrors: WsServerOptions<unknown>['formatErrors']) =>
  (result: ExecutionResult): string =>
    JSON.stringify(result.errors ? { ...result, errors: formatErrors(result.errors) } : result);

type SubscribePayload = { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const optional = (value: unknown, type: 'string' | 'object') =>
  value === undefined || value === null || (type === 'object' ? isObject(value) : typeof value === type);

function subscribePayload(value: unknown): SubscribePayload | null {
  if (!isObject(value) || typeof value.query !== 'string') return null;
  if (!optional(value.variables, 'object') || !optional(value.operationName, 'string') || !optional(value.extensions, 'object'))
    return null;
  return value as SubscribePayload;
}

/**
 * The graphql-transport-ws protocol (what graphql-ws clients speak), served lean: documents parsed
 * and validated once per query string, one shared handler per event kind rather than closures per
 * socket, and push feeds (graphql/push-feed.ts) written to each socket with one concatenation.
 * Queries, mutations and async-iterator subscriptions are executed as graphql-ws would.
 */
export class WsServer<A> {
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<WebSocket, WsConnection<A>>();
  /** While a batch of events is delivered (`batched`): each socket's frames, written once it ends. */
  private gathered: Map<WsConnection<A>, Buffer[]> | null = null;
  private readonly keepAlive: NodeJS.Timeout;
  private readonly serialise: (result: ExecutionResult) => string;

  constructor(
    httpServer: HttpServer,
    private readonly options: WsServerOptions<A>,
  ) {
    this.serialise = resultSerialiser(options.formatErrors);
    this.wss = new WebSocketServer({
      server: httpServer,
      path: '/graphql',
      maxPayload: options.maxPayload,
      clientTracking: false,
      // Push feeds write ready frames under ws (ws-frame.ts): that needs ws never to compress.
      perMessageDeflate: false,
      handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
    });
    // Shared handlers (`this` is the socket): nothing is allocated per socket but the connection record.
    const receive = (socket: WebSocket, data: RawData) => void this.receive(this.connections.get(socket), data);
    const pong = (socket: WebSocket) => {
      const connection = this.connections.get(socket);
      if (connection) connection.alive = true;
    };
    const closed = (socket: WebSocket) => this.closed(socket);
    function onMessage(this: WebSocket, data: RawData) {
      receive(this, data);
    }
    function onPong(this: WebSocket) {
      pong(this);
    }
    function onError(this: WebSocket) {
      this.terminate();
    }
    function onClose(this: WebSocket) {
      closed(this);
    }
    this.wss.on('connection', (socket, request) => {
      if (socket.protocol !== PROTOCOL) {
        socket.close(Close.SubprotocolNotAcceptable, 'Subprotocol not acceptable');
        return;
      }
      const connection: WsConnection<A> = {
        socket,
        ip: options.clientIp(request),
        userAgent: userAgentOf(request),
        auth: null,
        acked: false,
        initialised: false,
        alive: true,
        pingedAt: 0,
        initTimer: setTimeout(() => {
          if (!connection.acked) socket.close(Close.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
        }, options.initTimeoutMs ?? 3000),
        operations: new Map(),
      };
      this.connections.set(socket, connection);
      socket.on('message', onMessage);
      socket.on('pong', onPong);
      socket.on('error', onError);
      socket.on('close', onClose);
    });
    // One timer for every socket, a slice at a time: a peer that has not answered the last ping is gone.
    const keepAliveMs = options.keepAliveMs ?? 12_000;
    this.keepAlive = everyInSlices(
      keepAliveMs,
      () => this.connections.values(),
      (connection) => this.checkAlive(connection, keepAliveMs),
    );
  }

  /**
   * Pings a peer that answered, cuts off one that did not. A round can come back to a socket sooner
   * than a period (sockets ahead of it closed), so an unanswered ping younger than half a period is
   * given until the next round.
   */
  private checkAlive(connection: WsConnection<A>, keepAliveMs: number): void {
    if (!this.connections.has(connection.socket)) return;
    const now = Date.now();
    if (connection.alive) {
      connection.alive = false;
      connection.pingedAt = now;
      connection.socket.ping();
    } else if (now - connection.pingedAt >= keepAliveMs / 2) connection.socket.terminate();
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    clearInterval(this.keepAlive);
    for (const socket of [...this.connections.keys()]) {
      // Stop every operation now, while the services they release are still open.
      this.closed(socket);
      socket.terminate();
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private closed(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    this.connections.delete(socket);
    if (connection.initTimer) clearTimeout(connection.initTimer);
    for (const operation of connection.operations.values()) operation.stop();
    connection.operations.clear();
    this.options.disconnect?.(connection);
  }

  /**
   * Delivers several events with each socket's frames from them joined into one write: under load
   * a write (a system call) is most of what a delivery costs, and events arrive several at a time.
   */
  batched(deliver: () => void): void {
    if (this.gathered) return deliver();
    const gathered = (this.gathered = new Map());
    try {
      deliver();
    } finally {
      this.gathered = null;
      for (const [connection, frames] of gathered) this.writeFrames(connection, frames);
    }
  }

  /** Writes a message, or cuts the socket off when its peer reads too slowly. */
  private send(connection: WsConnection<A>, message: string): void {
    // Within a batch (a subscription completing after an event): after the frames gathered before it.
    const frames = this.gathered?.get(connection);
    if (frames) {
      this.gathered!.delete(connection);
      this.writeFrames(connection, frames);
    }
    if (this.writable(connection.socket)) connection.socket.send(message);
  }

  /** Writes a ready WebSocket frame (ws-frame.ts), or cuts the socket off when its peer reads too slowly. */
  sendFrame(connection: WsConnection<A>, frame: Buffer): void {
    const { gathered } = this;
    if (!gathered) this.write(connection, frame);
    else if (gathered.has(connection)) gathered.get(connection)!.push(frame);
    else gathered.set(connection, [frame]);
  }

  private writeFrames(connection: WsConnection<A>, frames: Buffer[]): void {
    this.write(connection, frames.length === 1 ? frames[0]! : Buffer.concat(frames));
  }

  private write(connection: WsConnection<A>, data: Buffer): void {
    if (this.writable(connection.socket)) tcpSocketOf(connection.socket)?.write(data);
  }

  private writable(socket: WebSocket): boolean {
    if (socket.readyState !== WebSocket.OPEN) return false;
    if (socket.bufferedAmount <= this.options.maxBufferedBytes) return true;
    socket.terminate();
    return false;
  }

  private async receive(connection: WsConnection<A> | undefined, data: RawData): Promise<void> {
    if (!connection) return;
    const { socket } = connection;
    let message: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(String(data));
      if (!isObject(parsed) || typeof parsed.type !== 'string') throw new Error('Invalid message received');
      message = parsed;
    } catch {
      socket.close(Close.BadRequest, 'Invalid message received');
      return;
    }
    try {
      switch (message.type) {
        case 'connection_init':
          return await this.init(connection, message.payload);
        case 'ping':
          this.send(connection, JSON.stringify(isObject(message.payload) ? { type: 'pong', payload: message.payload } : { type: 'pong' }));
          return;
        case 'pong':
          return;
        case 'subscribe': {
          const payload = subscribePayload(message.payload);
          if (typeof message.id !== 'string' || !message.id || !payload) {
            socket.close(Close.BadRequest, 'Invalid message received');
            return;
          }
          if (!connection.acked) socket.close(Close.Unauthorized, 'Unauthorized');
          else if (connection.operations.has(message.id))
            socket.close(Close.SubscriberAlreadyExists, `Subscriber for ${message.id} already exists`);
          else await this.operate(connection, message.id, payload);
          return;
        }
        case 'complete': {
          if (typeof message.id !== 'string') break;
          const operation = connection.operations.get(message.id);
          connection.operations.delete(message.id);
          operation?.stop();
          return;
        }
      }
      socket.close(Close.BadRequest, `Unexpected message of type ${message.type} received`);
    } catch {
      socket.close(Close.InternalServerError, 'Internal server error');
    }
  }

  private async init(connection: WsConnection<A>, payload: unknown): Promise<void> {
    if (connection.initialised) {
      connection.socket.close(Close.TooManyInitialisationRequests, 'Too many initialisation requests');
      return;
    }
    connection.initialised = true;
    const auth = await this.options.connect(isObject(payload) ? payload : undefined, connection);
    if (auth === false) {
      connection.socket.close(Close.Forbidden, 'Forbidden');
      return;
    }
    connection.auth = auth;
    // Closed while authenticating: what `connect` registered is let go now, as `closed` ran before it.
    if (!this.connections.has(connection.socket)) {
      this.options.disconnect?.(connection);
      return;
    }
    connection.acked = true;
    if (connection.initTimer) clearTimeout(connection.initTimer);
    connection.initTimer = null;
    this.send(connection, '{"type":"connection_ack"}');
  }

  private frame(id: string, type: 'next' | 'error', payload: string): string {
    return `{"id":${JSON.stringify(id)},"type":"${type}","payload":${payload}}`;
  }

  /** The operation is over: the client hears `complete` unless it asked to stop. */
  complete(connection: WsConnection<A>, id: string): void {
    if (!connection.operations.delete(id)) return;
    this.send(connection, `{"id":${JSON.stringify(id)},"type":"complete"}`);
  }

  private refuse(connection: WsConnection<A>, id: string, errors: readonly GraphQLError[]): void {
    if (!connection.operations.delete(id)) return;
    this.send(connection, this.frame(id, 'error', JSON.stringify(this.options.formatErrors(errors))));
  }

  private async operate(connection: WsConnection<A>, id: string, payload: SubscribePayload): Promise<void> {
    const { options } = this;
    // Until it runs, stopping an operation only marks it, and its preparation gives up.
    const pending = new PendingOperation();
    connection.operations.set(id, pending);
    const prepared = options.documents.get(payload.query);
    if (prepared.errors) return this.refuse(connection, id, prepared.errors);
    const { document } = prepared;
    const operationName = payload.operationName ?? null;
    const variableValues = payload.variables ?? undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation) return this.refuse(connection, id, [new GraphQLError('Unable to identify operation')]);
    try {
      options.checkLimits(document, variableValues, operationName);
    } catch (error) {
      if (error instanceof GraphQLError) return this.refuse(connection, id, [error]);
      throw error;
    }
    const context = await options.context(connection);
    if (pending.stopped) return;
    const args = {
      schema: options.schema,
      document,
      operationName,
      variableValues,
      contextValue: { ...context, loaders: options.createLoaders(context.services) },
    };
    if (operation.operation !== 'subscription') {
      const result = await options.operations.runner(options.schema, document, operationName)(undefined, args.contextValue, variableValues);
      if (pending.stopped) return;
      this.send(connection, this.frame(id, 'next', this.serialise(result)));
      return this.complete(connection, id);
    }
    const source = await createSourceEventStream(args);
    if (pending.stopped) {
      // A push feed has started nothing yet; an iterator may hold a listener.
      if (Symbol.asyncIterator in source && !isPushFeed(source)) void source[Symbol.asyncIterator]().return?.();
      return;
    }
    if (!(Symbol.asyncIterator in source)) {
      this.send(connection, this.frame(id, 'next', this.serialise(source)));
      return this.complete(connection, id);
    }
    if (isPushFeed(source)) {
      const push = new PushOperation(this, connection, id, (output) =>
        options.push.subscriber(
          {
            key: `${prepared.id}\0${operationName ?? ''}\0${JSON.stringify(variableValues ?? {})}${personalScope(options.schema, document, context.viewer?.userId)}`,
            schema: options.schema,
            document,
            operationName,
            variableValues,
            context,
          },
          output,
        ),
      );
      connection.operations.set(id, push);
      try {
        await push.start(source);
      } catch (error) {
        if (!connection.operations.has(id)) return;
        const errors = [error instanceof GraphQLError ? error : new GraphQLError('Subscription failed', { originalError: error as Error })];
        this.send(connection, this.frame(id, 'next', this.serialise({ errors })));
        return this.complete(connection, id);
      }
      return;
    }
    const results = options.fanout.results(source, args);
    connection.operations.set(id, { stop: () => void results.return?.() });
    for await (const result of results) {
      if (!connection.operations.has(id)) break;
      this.send(connection, this.frame(id, 'next', options.fanout.json(result, this.serialise)));
    }
    this.complete(connection, id);
  }
}

/** An operation being prepared: stopping it marks it, and the preparation gives up. */
class PendingOperation implements Stoppable {
  stopped = false;

  stop(): void {
    this.stopped = true;
  }
}

/**
 * A push subscription on one socket: frames go out with its id's prefix, and it stops from either
 * side (the client's `complete`, the socket closing, or the feed ending). One object, no closures:
 * a process holds as many as it has subscribers.
 */
class PushOperation<A> implements PushOutput, Stoppable {
  private readonly prefix: Buffer;
  private readonly subscriber: PushSubscriber;
  private feed: Stoppable | null = null;
  private over = false;

  constructor(
    private readonly server: WsServer<A>,
    private readonly connection: WsConnection<A>,
    private readonly id: string,
    subscribe: (output: PushOutput) => PushSubscriber,
  ) {
    this.prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
    this.subscriber = subscribe(this);
  }

  /** Starts the feed; a failure leaves nothing running. */
  async start(source: PushFeed<object>): Promise<void> {
    try {
      const feed = await source.start(this.subscriber);
      if (this.over) feed.stop();
      else this.feed = feed;
    } catch (error) {
      this.subscriber.close();
      throw error;
    }
  }

  write(payload: Buffer): void {
    this.server.sendFrame(this.connection, textFrame(this.prefix, payload));
  }

  ended(): void {
    this.finish();
    this.server.complete(this.connection, this.id);
  }

  stop(): void {
    this.subscriber.close();
    this.finish();
  }

  private finish(): void {
    this.over = true;
    this.feed?.stop();
    this.feed = null;
  }
}
