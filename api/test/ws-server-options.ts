import type { GraphQLSchema } from 'graphql';
import { CompiledOperations } from '../src/graphql/compiled-operations.js';
import type { GraphqlContext } from '../src/graphql/context.js';
import { DocumentCache } from '../src/graphql/documents.js';
import { SubscriptionFanout } from '../src/graphql/fanout.js';
import { PushFanout } from '../src/graphql/push-feed.js';
import { resultSerialiser, type WsServerOptions } from '../src/graphql/ws-server.js';

/** WsServer options for protocol tests on a bare schema: no services, loaders or query limits. */
export function bareWsServerOptions(schema: GraphQLSchema, extra: Partial<WsServerOptions<object>> = {}): WsServerOptions<object> {
  const formatErrors = (errors: readonly Error[]) => errors.map((error) => ({ message: error.message }));
  const noLoaders = () => ({}) as GraphqlContext['loaders'];
  const operations = new CompiledOperations();
  return {
    schema,
    documents: new DocumentCache(schema, { maxDepth: 10, maxComplexity: 2000 }),
    checkLimits: () => undefined,
    clientIp: (request) => request.socket.remoteAddress ?? 'unknown',
    connect: async () => ({}),
    context: async () => ({ viewer: null, ip: 'test', userAgent: null, requestId: 'test', services: {} as GraphqlContext['services'] }),
    createLoaders: noLoaders,
    formatErrors,
    fanout: new SubscriptionFanout(noLoaders),
    push: new PushFanout(noLoaders, resultSerialiser(formatErrors), operations),
    operations,
    maxBufferedBytes: 1 << 20,
    maxPayload: 1 << 20,
    ...extra,
  };
}
