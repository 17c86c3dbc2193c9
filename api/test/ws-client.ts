import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { eventually, until } from './fixtures.js';

/** A real graphql-ws client, as a browser or bot would use. */
export function wsClient(httpUrl: string, token?: string, scheme: 'Bearer' | 'Bot' = 'Bearer'): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `${scheme} ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export interface Subscription<T> {
  /** Every event so far. */
  events: T[];
  errors: unknown[];
  completed: boolean;
  /** Resolves once `count` events have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves when the server ends the subscription. */
  waitForEnd(timeoutMs?: number): Promise<void>;
  stop(): void;
}

export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): Subscription<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  const sub: Subscription<T> = {
    events,
    errors,
    completed: false,
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(
          () => reject(new Error(`timed out waiting for ${count} events; got ${events.length}; errors ${JSON.stringify(errors)}`)),
          timeoutMs,
        );
        const check = () => {
          if (events.length >= count) {
            clearTimeout(deadline);
            resolve(events);
          } else if (errors.length || sub.completed) {
            clearTimeout(deadline);
            reject(new Error(`subscription ended with ${events.length} events; errors ${JSON.stringify(errors)}`));
          } else waiters.push(check);
        };
        check();
      });
    },
    waitForEnd(timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error('subscription did not end')), timeoutMs);
        const check = () => {
          if (sub.completed || errors.length) {
            clearTimeout(deadline);
            resolve();
          } else waiters.push(check);
        };
        check();
      });
    },
    stop: () => dispose(),
  };
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors?.length) errors.push(value.errors);
        else events.push((value.data ?? {}) as T);
        notify();
      },
      error: (error) => {
        errors.push(error);
        notify();
      },
      complete: () => {
        sub.completed = true;
        notify();
      },
    },
  );
  return sub;
}

/** Waits until the server has registered the subscription (there is no ack in the protocol). */
export const settle = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a graphql-ws connection that stays open without subscriptions; resolves once acknowledged. */
export async function openSocket(url: string, token: string, scheme: 'Bearer' | 'Bot' = 'Bearer') {
  let closeCode: number | undefined;
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `${scheme} ${token}` },
    retryAttempts: 0,
    lazy: false,
    // The close is what the test waits for, not an error to print.
    onNonLazyError: () => undefined,
    on: { closed: (event) => (closeCode = (event as { code: number }).code) },
  });
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));
  return { client, closed: () => until(() => closeCode, 'the socket to be closed'), closeCode: () => closeCode };
}

const MESSAGE_IDS = 'subscription($c: ID!) { channelEvents(channelId: $c) { __typename ... on MessageCreated { message { id } } } }';

/**
 * A socket of `token` following a channel's new messages, returned once it is live (`sendOne` is
 * repeated until a message it sent has arrived). `ids` lists what arrived, in order.
 */
export async function followMessages(
  httpUrl: string,
  token: string,
  channelId: string,
  sendOne: () => Promise<unknown>,
): Promise<{ ws: Client; ids: () => string[] }> {
  const ws = wsClient(httpUrl, token);
  const stream: Subscription<{ channelEvents: { message?: { id: string } } }> = subscribe(ws, MESSAGE_IDS, { c: channelId });
  const ids = () => stream.events.flatMap((e) => (e.channelEvents.message ? [e.channelEvents.message.id] : []));
  await eventually(async () => {
    await sendOne();
    if (ids().length === 0) throw new Error('the stream is not live yet');
  }, 10_000);
  return { ws, ids };
}
