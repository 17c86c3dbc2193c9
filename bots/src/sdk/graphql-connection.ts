import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';
import { closeCodeOf, FATAL_CLOSE_CODES, toError } from './errors.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface GraphqlConnectionOptions {
  /** http(s):// or ws(s):// URL of /graphql. */
  url: string;
  /** The full Authorization value: "Bot <token>" for bots, "Bearer <token>" for users. */
  authorization: string;
  backoff?: BackoffOptions;
  /**
   * How long the API may stay silent: a ping goes out this often and must be answered as soon, and
   * opening a connection must finish within it, or the connection is dropped and opened again
   * (default 10 s). Where the way to the API goes silent (a network that drops packets, a NAT that
   * forgot the connection), nothing else would ever tell: the bot would hear nothing, for good.
   */
  answerTimeoutMs?: number;
  /** Every status change, and the reason when the connection is lost. */
  onStatus?: (status: ConnectionStatus, reason?: Error) => void;
}

const DEFAULT_ANSWER_TIMEOUT_MS = 10_000;

export interface Sink<T> {
  next: (data: T) => void;
  error: (error: Error) => void;
  complete?: () => void;
}

/**
 * One graphql-ws connection for requests and subscriptions, reconnecting with backoff while the
 * API is unreachable. graphql-ws re-sends each active subscription's payload object after a
 * reconnect, so a caller that keeps `variables.since` current in it resumes where it left off.
 */
export class GraphqlConnection {
  readonly client: Client;
  private currentStatus: ConnectionStatus = 'connecting';
  private readonly statusListeners = new Set<(status: ConnectionStatus, previous: ConnectionStatus, reason?: Error) => void>();

  constructor(private readonly options: GraphqlConnectionOptions) {
    const answerTimeoutMs = options.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
    let socket: WebSocket | null = null;
    let unanswered: NodeJS.Timeout | undefined;
    this.client = createClient({
      url: toWebSocketUrl(options.url),
      webSocketImpl: webSocketOpeningWithin(answerTimeoutMs),
      connectionParams: { authorization: options.authorization },
      lazy: true,
      keepAlive: answerTimeoutMs,
      connectionAckWaitTimeout: answerTimeoutMs,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: (event) => !FATAL_CLOSE_CODES.includes(closeCodeOf(event) ?? 0),
      retryWait: (retries) => sleep(backoffDelay(retries, options.backoff)),
      on: {
        connected: (opened) => {
          socket = opened as WebSocket;
          this.setStatus('connected');
        },
        // A ping left unanswered: the socket is dropped at once (a close handshake would wait for
        // the silent peer), and graphql-ws opens another.
        ping: (received) => {
          if (received) return;
          clearTimeout(unanswered);
          unanswered = setTimeout(() => socket?.terminate(), answerTimeoutMs);
        },
        pong: (received) => {
          if (received) clearTimeout(unanswered);
        },
        closed: (event) => {
          clearTimeout(unanswered);
          socket = null;
          const code = closeCodeOf(event);
          if (this.currentStatus === 'closed') return;
          if (code !== undefined && FATAL_CLOSE_CODES.includes(code)) this.setStatus('closed', toError(event));
          else if (code !== 1000) this.setStatus('reconnecting', toError(event));
        },
      },
    });
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** Listens to status changes (with the previous status); returns a function that stops listening. */
  onStatus(listener: (status: ConnectionStatus, previous: ConnectionStatus, reason?: Error) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** A query or mutation; rejects with ApiError (extensions.code) or ConnectionError. */
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData> {
    return new Promise((resolve, reject) => {
      let data: TData | undefined;
      this.subscribe(document, variables, {
        next: (value) => (data = value),
        error: reject,
        complete: () => (data === undefined ? reject(new Error('no result')) : resolve(data)),
      });
    });
  }

  /** A subscription (or any operation) as a stream; returns a function that ends it. */
  subscribe<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    sink: Sink<TData>,
  ): () => void {
    return this.client.subscribe<TData>(
      { query: print(document), variables },
      {
        next: (value) => (value.errors?.length ? sink.error(toError(value.errors)) : sink.next(value.data as TData)),
        error: (error) => sink.error(toError(error)),
        complete: () => sink.complete?.(),
      },
    );
  }

  async dispose(): Promise<void> {
    this.setStatus('closed');
    await this.client.dispose();
  }

  private setStatus(status: ConnectionStatus, reason?: Error): void {
    const previous = this.currentStatus;
    if (previous === status) return;
    this.currentStatus = status;
    this.options.onStatus?.(status, reason);
    for (const listener of this.statusListeners) listener(status, previous, reason);
  }
}

/** http(s)://host/graphql -> ws(s)://host/graphql */
export function toWebSocketUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  return url.toString();
}

/** `ws` with a deadline on the opening handshake, which graphql-ws's own timeouts start only after. */
function webSocketOpeningWithin(ms: number) {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { handshakeTimeout: ms });
    }
  };
}
