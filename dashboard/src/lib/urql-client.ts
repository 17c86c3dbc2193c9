import { cacheExchange } from '@urql/exchange-graphcache';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { Client, fetchExchange, subscriptionExchange } from 'urql';
import { cacheKeys, cacheUpdates } from './cache-config';
import { ConnectionMonitor } from './connection-status';
import { errorExchange, type ErrorHandlers } from './error-exchange';
import { fetchWithTimeout } from './timed-fetch';

export interface ApiClient {
  urql: Client;
  ws: WsClient;
  connection: ConnectionMonitor;
  dispose: () => void;
}

/** How long the API may stay silent: a ping goes out this often and must be answered as soon; a socket must open as soon. */
const ANSWER_TIMEOUT_MS = 15_000;

/** How long a query or mutation over HTTP may wait for its answer; then it fails as a network error, and can be tried again. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The API's WebSocket URL: same host, port and path as its HTTP URL. */
export function wsUrlOf(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/**
 * One urql client per session: HTTP for queries and mutations, graphql-ws on the same /graphql for
 * subscriptions, the token in both the Authorization header and connectionParams.
 *
 * graphql-ws does not retry by itself (retryAttempts 0): after a drop every subscription errors and
 * its owner subscribes again with fresh variables (channelEvents with `since` = the last message it
 * holds), which an automatic retry with the original variables could not do.
 */
export function createApiClient(apiUrl: string, token: string | null, handlers: ErrorHandlers): ApiClient {
  const connection = new ConnectionMonitor();
  const authorization = token ? `Bearer ${token}` : undefined;
  let disposed = false;
  // graphql-ws pings but never acts on a missing pong, and its own timeouts start once a socket is
  // open: where the way to the API goes silent (a network dropping packets, a laptop waking up
  // behind a NAT that forgot it), the page would hear nothing, for good. Past ANSWER_TIMEOUT_MS the
  // socket is dropped and the app reconnects as after any drop.
  let unanswered: ReturnType<typeof setTimeout> | undefined;
  const awaitAnswer = () => {
    clearTimeout(unanswered);
    unanswered = setTimeout(() => ws.terminate(), ANSWER_TIMEOUT_MS);
  };
  const ws = createWsClient({
    url: wsUrlOf(apiUrl),
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazyCloseTimeout: 5_000,
    keepAlive: ANSWER_TIMEOUT_MS,
    connectionAckWaitTimeout: ANSWER_TIMEOUT_MS,
    on: {
      connecting: awaitAnswer,
      opened: () => clearTimeout(unanswered),
      ping: (received) => {
        if (!received) awaitAnswer();
      },
      pong: (received) => {
        if (received) clearTimeout(unanswered);
      },
      connected: () => connection.set('online'),
      closed: (event) => {
        clearTimeout(unanswered);
        if (disposed) return;
        const code = (event as { code?: number } | undefined)?.code;
        // 4401/4403: the session ended or was refused; the error exchange sends the user to sign-in.
        if (code === 4401 || code === 4403) handlers.onUnauthenticated();
        else connection.set(code === 1000 ? 'idle' : 'reconnecting');
      },
    },
  });
  const urql = new Client({
    url: apiUrl,
    fetch: fetchWithTimeout(REQUEST_TIMEOUT_MS),
    fetchOptions: () => (authorization ? { headers: { authorization } } : {}),
    requestPolicy: 'cache-and-network',
    // POST always: the API refuses GET requests without a preflight header (CSRF protection).
    preferGetMethod: false,
    exchanges: [
      cacheExchange({ keys: cacheKeys, updates: cacheUpdates }),
      errorExchange(handlers),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
  return {
    urql,
    ws,
    connection,
    dispose() {
      disposed = true;
      void ws.dispose();
    },
  };
}
