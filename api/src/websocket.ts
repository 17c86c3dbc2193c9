import type { Server as HttpServer } from 'node:http';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import type { Viewer } from './features/auth/viewer.js';
import { SocketPresence } from './features/presence/socket-presence.js';
import { formatError } from './kernel/errors/format-error.js';
import type { Services } from './services.js';
import { createLoaders } from './request-context.js';
import { DocumentCache, cachedLimits } from './graphql/documents.js';
import { SubscriptionFanout } from './graphql/fanout.js';
import type { CompiledOperations } from './graphql/compiled-operations.js';
import { PushFanout } from './graphql/push-feed.js';
import { WsServer, resultSerialiser, type WsConnection } from './graphql/ws-server.js';
import { MAX_REQUEST_BYTES } from './graphql/limits.js';
import { clientIpResolver } from './http/client-ip.js';

/** graphql-ws's code for an ended session, which clients know. */
const UNAUTHORIZED = 4401;

interface SocketAuth {
  viewer: Viewer | null;
  authorization?: string;
}

/**
 * The graphql-ws protocol on the HTTP server's /graphql. The connection authenticates once with
 * connectionParams.authorization; every operation re-checks the session through the cache, and a
 * revoked session's sockets are closed at once (4401), also when the revocation was announced while
 * this process's Redis subscriber was away (re-checked against Postgres once it is back).
 */
export function attachWebSocket(httpServer: HttpServer, schema: GraphQLSchema, services: Services, compiledOperations: CompiledOperations) {
  // Operations are numbered per process: a short id, where a UUID held by every subscription cost ~0.5 KiB.
  let operations = 0;
  const socketsByToken = new Map<string, Set<WsConnection<SocketAuth>['socket']>>();
  const log = services.logger.child({ component: 'ws' });
  const formatErrors = (errors: readonly GraphQLError[]) =>
    errors.map((e) => formatError(e.toJSON(), e, (err) => log.error({ err }, 'operation error')));
  const fanout = new SubscriptionFanout(createLoaders);
  const push = new PushFanout(createLoaders, resultSerialiser(formatErrors), compiledOperations);
  const presence = new SocketPresence(
    services.presence,
    services.config.PRESENCE_TIMEOUT_SECONDS * 1000,
    services.config.PRESENCE_GRACE_SECONDS * 1000,
    (err) => log.warn({ err }, 'presence beat failed'),
  );

  services.auth.onRevoked((tokenHash) => {
    for (const socket of socketsByToken.get(tokenHash) ?? []) socket.close(UNAUTHORIZED, 'Session ended');
    socketsByToken.delete(tokenHash);
  });
  // A revocation announced while this process's subscriber was away never arrived: ask Postgres.
  services.bus.onResubscribed(() => {
    services.auth.revokeEnded([...socketsByToken.keys()]).catch((err: unknown) => log.warn({ err }, 'session re-check failed'));
  });

  const limits = { maxDepth: services.config.QUERY_MAX_DEPTH, maxComplexity: services.config.QUERY_MAX_COMPLEXITY };
  const server = new WsServer<SocketAuth>(httpServer, {
    schema,
    maxPayload: MAX_REQUEST_BYTES,
    clientIp: clientIpResolver(services.config.TRUST_PROXY),
    documents: new DocumentCache(schema, limits),
    checkLimits: cachedLimits(schema, limits),
    operations: compiledOperations,
    connect: async (params, connection) => {
      const authorization = typeof params?.authorization === 'string' ? params.authorization : undefined;
      const viewer = authorization ? await services.auth.authenticate(authorization) : null;
      if (authorization && !viewer) return false;
      if (viewer) {
        const set = socketsByToken.get(viewer.tokenHash) ?? new Set();
        set.add(connection.socket);
        socketsByToken.set(viewer.tokenHash, set);
        presence.opened(viewer.userId);
      }
      return { viewer, authorization };
    },
    disconnect: ({ socket, auth }) => {
      const viewer = auth?.viewer;
      if (!viewer) return;
      const set = socketsByToken.get(viewer.tokenHash);
      if (set?.delete(socket) && set.size === 0) socketsByToken.delete(viewer.tokenHash);
      presence.closed(viewer.userId);
    },
    context: async (connection) => {
      // Re-resolve per operation: a logged-out token stops working on its next use.
      const authorization = connection.auth?.authorization;
      const viewer = authorization ? await services.auth.authenticate(authorization) : null;
      return { viewer, ip: connection.ip, userAgent: connection.userAgent, requestId: `ws-${(operations += 1)}`, services };
    },
    createLoaders,
    formatErrors,
    fanout,
    push,
    maxBufferedBytes: services.config.WS_MAX_BUFFERED_BYTES,
  });
  services.bus.batchDeliveriesWith((deliver) => server.batched(deliver));
  push.batchWritesWith((deliver) => server.batched(deliver));
  return {
    /** Subscription executions so far, both fan-out paths. */
    executions: () => fanout.executions + push.executions,
    connectionCount: () => server.connectionCount,
    close: async () => {
      await presence.stop();
      await server.close();
    },
  };
}
