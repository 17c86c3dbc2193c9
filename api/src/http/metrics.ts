import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export interface LiveCounts {
  connections(): number;
  subscriptions(): number;
  subscriptionExecutions(): number;
}

/** Label values of rashigo_http_requests_total: the routes the API serves, and one value for anything else. */
export const METRIC_ROUTES = ['/graphql', '/healthz', '/metrics'] as const;
const UNMATCHED_ROUTE = 'unmatched';

/** The API's /metrics: request counts by outcome, open sockets, live subscriptions, fan-out executions. */
export function apiMetrics(live: LiveCounts) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'rashigo_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'],
    registers: [registry],
  });
  new Gauge({
    name: 'rashigo_ws_connections',
    help: 'Open graphql-ws connections',
    registers: [registry],
    collect() {
      this.set(live.connections());
    },
  });
  new Gauge({
    name: 'rashigo_subscriptions',
    help: 'Live subscriptions (event listeners) in this process',
    registers: [registry],
    collect() {
      this.set(live.subscriptions());
    },
  });
  new Gauge({
    name: 'rashigo_subscription_executions',
    help: 'Subscription executions since start (shared by subscribers with one operation and view)',
    registers: [registry],
    collect() {
      this.set(live.subscriptionExecutions());
    },
  });
  return {
    countRequests(req: Request, res: Response, next: NextFunction): void {
      // Labelled by route, never by the requested path: any client could otherwise mint new series.
      const path = req.baseUrl || req.path;
      const route = (METRIC_ROUTES as readonly string[]).includes(path) ? path : UNMATCHED_ROUTE;
      res.on('finish', () => requests.inc({ route, status: String(res.statusCode) }));
      next();
    },
    async handler(_req: Request, res: Response): Promise<void> {
      res.type(registry.contentType).send(await registry.metrics());
    },
  };
}
