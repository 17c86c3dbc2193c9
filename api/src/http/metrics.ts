import type { NextFunction, Request, Response } from 'express';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export interface LiveCounts {
  connections(): number;
  subscriptions(): number;
  subscriptionExecutions(): number;
}

/** The API's /metrics: request counts by outcome, open sockets, live subscriptions, fan-out executions. */
export function apiMetrics(live: LiveCounts) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Counted in a plain map and handed to prom-client on scrape: label hashing per request was ~5 % of the send path.
  const pending = new Map<string, number>();
  new Counter({
    name: 'rashigo_http_requests_total',
    help: 'HTTP requests by path and status',
    labelNames: ['path', 'status'],
    registers: [registry],
    collect() {
      for (const [key, count] of pending) {
        const [path, status] = key.split('\0') as [string, string];
        this.inc({ path, status }, count);
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
  return {
    countRequests(req: Request, res: Response, next: NextFunction): void {
      res.on('finish', () => {
        const key = `${req.baseUrl || req.path}\0${res.statusCode}`;
        pending.set(key, (pending.get(key) ?? 0) + 1);
      });
      next();
    },
    async handler(_req: Request, res: Response): Promise<void> {
      res.type(registry.contentType).send(await registry.metrics());
    },
  };
}
