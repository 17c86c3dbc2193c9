import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { ApiConfig } from './kernel/config/config.js';
import { formatErrorsWith } from './kernel/errors/format-error.js';
import { createLogger, type Logger } from './kernel/logging/logger.js';
import { createContext } from './request-context.js';
import { DocumentCache, cachedLimits } from './graphql/documents.js';
import { CompiledOperations } from './graphql/compiled-operations.js';
import { graphqlHttpHandler } from './graphql/http-server.js';
import { MAX_REQUEST_BYTES } from './graphql/limits.js';
import { buildAppSchema } from './schema.js';
import { attachWebSocket } from './websocket.js';
import { healthHandler } from './http/health.js';
import { AVATARS_ROUTE, avatarHandler } from './features/users/avatar.http.js';
import { requestErrorHandler } from './http/request-errors.js';
import { apiMetrics } from './http/metrics.js';
import { listenForMetricsOnLoopback, publicMetricsRefusal, writeMetrics } from './http/metrics-access.js';
import { clientIpResolver } from './http/client-ip.js';
import { userAgentOf } from './http/user-agent.js';
import { createServices, type Services } from './services.js';
import { liveSubscriptions } from './realtime/channel-rooms.js';

export interface RunningApi {
  url: string;
  port: number;
  services: Services;
  httpServer: HttpServer;
  /** The loopback metrics listener's port (METRICS_PORT), null when it is off. */
  metricsPort: number | null;
  /** Subscription executions so far (fan-out shares them); read by tests and metrics. */
  subscriptionExecutions(): number;
  /** Operations running compiled to JavaScript so far (GRAPHQL_COMPILE_AFTER); read by tests. */
  compiledOperations(): number;
  close(): Promise<void>;
}

/** Builds and starts the API: GraphQL over HTTP and graphql-ws on one port and path. */
export async function startApi(config: ApiConfig, logger: Logger = createLogger('api', config.LOG_LEVEL)): Promise<RunningApi> {
  const services = await createServices(config, logger);
  const schema = await buildAppSchema(services);
  const httpServer = createServer();
  // One for both transports (HTTP, graphql-ws): one setting, one count.
  const operations = new CompiledOperations(config.GRAPHQL_COMPILE_AFTER);
  operations.warmUp(schema);
  const ws = attachWebSocket(httpServer, schema, services, operations);
  const metrics = apiMetrics({
    connections: ws.connectionCount,
    subscriptions: () => liveSubscriptions(services),
    subscriptionExecutions: () => ws.executions(),
  });
  // Behind a reverse proxy, the client's address (sign-in limits count it), not the proxy's.
  const clientIp = clientIpResolver(config.TRUST_PROXY);
  const app = express();
  app.disable('x-powered-by');
  app.use(metrics.countRequests);
  app.get('/healthz', healthHandler(services));
  app.get(`${AVATARS_ROUTE}/:userId/:hash`, avatarHandler(services.users));
  app.get('/metrics', (req, res) => {
    const refusal = publicMetricsRefusal(config.METRICS_TOKEN, req.headers.authorization);
    if (!refusal) return writeMetrics(metrics.registry, res);
    if (refusal.status === 401) res.set('www-authenticate', 'Bearer');
    res.status(refusal.status).type('text/plain').send(refusal.message);
  });
  app.use(requestErrorHandler);
  const limits = { maxDepth: config.QUERY_MAX_DEPTH, maxComplexity: config.QUERY_MAX_COMPLEXITY };
  const graphql = graphqlHttpHandler({
    schema,
    documents: new DocumentCache(schema, limits),
    operations,
    checkLimits: cachedLimits(schema, limits),
    context: async (req) => {
      const viewer = await services.auth.authenticate(req.headers.authorization);
      const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
      return createContext(services, viewer, clientIp(req), userAgentOf(req), requestId);
    },
    formatErrors: formatErrorsWith((err) => logger.error({ err }, 'unhandled error')),
    maxBodyBytes: MAX_REQUEST_BYTES,
    answered: metrics.countGraphql,
  });
  // GraphQL is the hot path and served without express; express serves the rest.
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    if (url === '/graphql' || url.startsWith('/graphql?')) graphql(req, res);
    else app(req, res);
  });

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, '0.0.0.0', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const metricsListener = config.METRICS_PORT === null ? null : await listenForMetricsOnLoopback(config.METRICS_PORT, metrics.registry);
  logger.info({ port, metricsPort: metricsListener?.port ?? null }, 'api listening');

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    metricsPort: metricsListener?.port ?? null,
    services,
    httpServer,
    subscriptionExecutions: () => ws.executions(),
    compiledOperations: () => operations.compiled,
    async close() {
      await ws.close();
      await metricsListener?.close();
      await closeHttpServer(httpServer);
      await services.close();
    },
  };
}

/** Stops accepting, lets requests in flight finish (for up to 10 s), then closes what is left. */
async function closeHttpServer(server: HttpServer): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), 10_000);
  await closed;
  clearTimeout(timer);
}
