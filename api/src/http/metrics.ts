import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Registry } from 'prom-client';
import { AVATARS_ROUTE } from '../features/users/avatar.http.js';
import { collectProcessMetrics } from '../kernel/metrics/process-metrics.js';

export interface LiveCounts {
  connections(): number;
  subscriptions(): number;
  subscriptionExecutions(): number;
}

/** Label values of rashigo_http_requests_total: the routes the API serves, and one value for anything else. */
export const METRIC_ROUTES = ['/graphql', '/healthz', '/metrics', AVATARS_ROUTE] as const;
const UNMATCHED_ROUTE = 'unmatched';

/** The API's /metrics: request counts by outcome, open sockets, live subscriptions, fan-out executions. */
export function apiMetrics(live: LiveCounts) {
  const registry = new Registry();
  collectProcessMetrics(registry);
  // Counted in a plain map and handed to prom-client on scrape: label hashing per request was ~5 % of the send path.
  const pending = new Map<string, number>();
  new Counter({
    name: 'rashigo_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'],
    registers: [registry],
    collect() {
      for (const [key, count] of pending) {
        const [route, status] = key.split('\0') as [string, string];
        this.inc({ route, status }, count);
      }
      pending.clear();
    },
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
  const count = (route: string, status: number) => {
    const key = `${route}\0${status}`;
    pending.set(key, (pending.get(key) ?? 0) + 1);
  };
  return {
    /** A /graphql request answered with `status` (the GraphQL handler counts its own). */
    countGraphql: (status: number) => count('/graphql', status),
    countRequests(req: Request, res: Response, next: NextFunction): void {
      // Labelled by route, never by the requested path: any client could otherwise mint new series.
      const path = req.baseUrl || req.path;
      const route = METRIC_ROUTES.find((r) => path === r) ?? (path.startsWith(`${AVATARS_ROUTE}/`) ? AVATARS_ROUTE : UNMATCHED_ROUTE);
      res.on('finish', () => count(route, res.statusCode));
      next();
    },
    registry,
  };
}
