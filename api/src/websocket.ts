import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Viewer } from './features/auth/viewer.js';
import { SocketPresence } from './features/presence/socket-presence.js';
import { formatError } from './kernel/errors/format-error.js';
import type { Services } from './services.js';
import { createContext, createLoaders } from './request-context.js';
import { SubscriptionFanout } from './graphql/fanout.js';
import { MAX_REQUEST_BYTES, assertWithinLimits } from './graphql/limits.js';

type ConnectionExtra = {
  socket: WebSocket;
  request: IncomingMessage;
  viewer?: Viewer | null;
  authorization?: string;
} & Record<PropertyKey, unknown>;

/**
 * graphql-ws on the HTTP server's /graphql. The connection authenticates once with
 * connectionParams.authorization; every operation re-checks the session through the cache, and a
 * revoked session's sockets are closed at once (4401).
 */
export function attachWebSocket(httpServer: HttpServer, schema: GraphQLSchema, services: Services) {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: MAX_REQUEST_BYTES });
  const socketsByToken = new Map<string, Set<WebSocket>>();
  const log = services.logger.child({ component: 'ws' });
  const fanout = new SubscriptionFanout(createLoaders);
  const presence = new SocketPresence(
    services.presence,
    services.config.PRESENCE_TIMEOUT_SECONDS * 1000,
    services.config.PRESENCE_GRACE_SECONDS * 1000,
    (err) => log.warn({ err }, 'presence beat failed'),
  );
  // Registered before useServer's own listener, so every socket is patched before its first send.
  wss.on('connection', (socket) => fanout.wrapSend(socket as unknown as { send: (data: string) => void }));

  services.auth.onRevoked((tokenHash) => {
    for (const socket of socketsByToken.get(tokenHash) ?? []) socket.close(CloseCode.Unauthorized, 'Session ended');
    socketsByToken.delete(tokenHash);
  });

  const cleanup = useServer<Record<string, unknown>, ConnectionExtra>(
    {
      schema,
      subscribe: fanout.subscribe,
      jsonMessageReplacer: fanout.replacer,
      onConnect: async (ctx) => {
        const authorization = typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined;
        const viewer = authorization ? await services.auth.authenticate(authorization) : null;
        if (authorization && !viewer) return false;
        ctx.extra.viewer = viewer;
        ctx.extra.authorization = authorization;
        if (viewer) {
          const set = socketsByToken.get(viewer.tokenHash) ?? new Set();
          set.add(ctx.extra.socket);
          socketsByToken.set(viewer.tokenHash, set);
          presence.opened(viewer.userId);
          ctx.extra.socket.once('close', () => {
            set.delete(ctx.extra.socket);
            presence.closed(viewer.userId);
          });
        }
        return true;
      },
      onSubscribe: async (_ctx, _id, payload) => {
        // Limits are checked before execution; validation errors go back as a GraphQL error list.
        try {
          const { parse } = await import('graphql');
          assertWithinLimits(schema, parse(payload.query), payload.variables ?? undefined, payload.operationName, {
            maxDepth: services.config.QUERY_MAX_DEPTH,
            maxComplexity: services.config.QUERY_MAX_COMPLEXITY,
          });
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        return undefined;
      },
      context: async (ctx) => {
        // Re-resolve per operation: a logged-out token stops working on its next use.
        const viewer = ctx.extra.authorization ? await services.auth.authenticate(ctx.extra.authorization) : null;
        return createContext(services, viewer, ctx.extra.request.socket.remoteAddress ?? 'unknown', randomUUID());
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return fanout.onNext(result);
        return {
          ...result,
          errors: result.errors.map((e) =>
            formatError(e.toJSON(), e, (err) => log.error({ err }, 'subscription error')),
          ) as unknown as GraphQLError[],
        };
      },
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((e) => formatError(e.toJSON(), e, (err) => log.error({ err }, 'operation error'))) as unknown as GraphQLError[],
    },
    wss,
  );
  return {
    fanout,
    connectionCount: () => wss.clients.size,
    close: async () => {
      await presence.stop();
      for (const client of wss.clients) client.terminate();
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
