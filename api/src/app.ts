import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { ApiConfig } from './kernel/config/config.js';
import { formatError } from './kernel/errors/format-error.js';
import { createLogger, type Logger } from './kernel/logging/logger.js';
import type { GraphqlContext } from './graphql/context.js';
import { createContext } from './request-context.js';
import { cachedLimits } from './graphql/documents.js';
import { MAX_REQUEST_BYTES } from './graphql/limits.js';
import { buildAppSchema } from './schema.js';
import { attachWebSocket } from './websocket.js';
import { healthHandler } from './http/health.js';
import { requestErrorHandler } from './http/request-errors.js';
import { apiMetrics } from './http/metrics.js';
import { metricsAllowed } from './http/metrics-access.js';
import { createServices, type Services } from './services.js';

export interface RunningApi {
  url: string;
  port: number;
  services: Services;
  httpServer: HttpServer;
  /** Subscription executions so far (fan-out shares them); read by tests and metrics. */
  subscriptionExecutions(): number;
  close(): Promise<void>;
}

/** Builds and starts the API: GraphQL over HTTP and graphql-ws on one port and path. */
export async function startApi(config: ApiConfig, logger: Logger = createLogger('api', config.LOG_LEVEL)): Promise<RunningApi> {
  const services = await createServices(config, logger);
  const schema = await buildAppSchema(services);
  const httpServer = createServer();
  const ws = attachWebSocket(httpServer, schema, services);
  const checkLimits = cachedLimits(schema, { maxDepth: config.QUERY_MAX_DEPTH, maxComplexity: config.QUERY_MAX_COMPLEXITY });

  const apollo = new ApolloServer<GraphqlContext>({
    schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, (err) => logger.error({ err }, 'unhandled error')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ document, request }) {
              checkLimits(document, request.variables, request.operationName);
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const metrics = apiMetrics({
    connections: ws.connectionCount,
    subscriptions: () => services.bus.listenerCount(),
    subscriptionExecutions: () => ws.executions(),
  });
  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy, req.ip is the client's address (sign-in limits count it), not the proxy's.
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(metrics.countRequests);
  app.get('/healthz', healthHandler(services));
  app.get(
    '/metrics',
    (req, res, next) => {
      if (metricsAllowed(config.METRICS_TOKEN, req.headers.authorization, req.ip)) next();
      else res.status(401).set('www-authenticate', 'Bearer').end();
    },
    metrics.handler,
  );
  app.use(
    '/graphql',
    corsForDashboard,
    express.json({ limit: MAX_REQUEST_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const viewer = await services.auth.authenticate(req.headers.authorization);
        const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        return createContext(services, viewer, req.ip ?? req.socket.remoteAddress ?? 'unknown', requestId);
      },
    }),
  );
  app.use(requestErrorHandler);
  httpServer.on('request', app);

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, '0.0.0.0', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  logger.info({ port }, 'api listening');

  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    services,
    httpServer,
    subscriptionExecutions: () => ws.executions(),
    async close() {
      await ws.close();
      await apollo.stop();
      await services.close();
    },
  };
}

/** The dashboard runs on another origin; tokens travel in a header, never in cookies, so * is safe. */
function corsForDashboard(req: express.Request, res: express.Response, next: express.NextFunction): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, x-request-id');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
}
