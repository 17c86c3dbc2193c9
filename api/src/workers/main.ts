import 'reflect-metadata';
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { Worker } from 'bullmq';
import { QueueName } from '../jobs/queues.js';
import { createLogger } from '../kernel/logging/logger.js';
import { createRedis, isCluster } from '../kernel/redis/redis.js';
import { createServices } from '../services.js';
import { loadWorkersConfig } from './config.js';
import { workerMetrics } from './metrics.js';
import { listenForMetricsOnLoopback, publicMetricsRefusal, writeMetrics } from '../http/metrics-access.js';
import { processors } from './processors.js';

const config = loadWorkersConfig();
const logger = createLogger('workers', config.LOG_LEVEL);
const services = await createServices(config, logger);
const prefix = services.keys.bullPrefix(isCluster(services.redis));
const handlers = processors(services, config.SWEEP_EVERY_SECONDS * 1000);

// Two worker processes on one Redis share each queue: BullMQ hands every job to exactly one.
const workers = Object.values(QueueName).map(
  (name) =>
    new Worker(name, handlers[name] as (job: unknown) => Promise<unknown>, {
      connection: createRedis(config, `rashigo-worker-${name}`, { blocking: true }),
      prefix,
      // Stored on every job it takes (job.processedBy): which process ran what.
      name: `${hostname()}:${process.pid}`,
      concurrency: config.WORKER_CONCURRENCY,
      lockDuration: config.WORKER_LOCK_MS,
      stalledInterval: config.WORKER_LOCK_MS,
    }),
);
for (const worker of workers) {
  worker.on('failed', (job, err) => logger.warn({ queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err }, 'job failed'));
  worker.on('error', (err) => logger.error({ queue: worker.name, err }, 'worker error'));
}

const queues = Object.values(QueueName).map((name) => services.jobs.queue(name));
await services.jobs
  .queue(QueueName.housekeeping)
  .upsertJobScheduler(
    'expired-invites',
    { every: config.HOUSEKEEPING_EVERY_SECONDS * 1000 },
    { name: QueueName.housekeeping, data: { task: 'expired-invites' } },
  );
// What a dead process left undone (voice sessions of users with no live device, whose expiry job
// found nothing; announcements owed after a commit) is done here, soon after the workers are back.
await services.jobs
  .queue(QueueName.housekeeping)
  .upsertJobScheduler('sweep', { every: config.SWEEP_EVERY_SECONDS * 1000 }, { name: QueueName.housekeeping, data: { task: 'sweep' } });

const metrics = workerMetrics(queues, workers);
const http = createServer((req, res) => {
  if (req.url === '/metrics') {
    const refusal = publicMetricsRefusal(config.METRICS_TOKEN, req.headers.authorization);
    if (!refusal) return writeMetrics(metrics, res);
    res
      .writeHead(refusal.status, { 'content-type': 'text/plain', ...(refusal.status === 401 ? { 'www-authenticate': 'Bearer' } : {}) })
      .end(refusal.message);
  } else if (req.url === '/healthz') {
    services.redis.ping().then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
      () => res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"degraded"}'),
    );
  } else {
    res.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => http.listen(config.WORKERS_PORT, '0.0.0.0', resolve));
const metricsListener =
  config.WORKERS_METRICS_PORT === null ? null : await listenForMetricsOnLoopback(config.WORKERS_METRICS_PORT, metrics);
logger.info(
  { port: (http.address() as AddressInfo).port, metricsPort: metricsListener?.port ?? null, queues: Object.values(QueueName) },
  'workers ready',
);

// SIGTERM: stop taking jobs, let in-flight ones finish, then exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'workers shutting down');
    http.close();
    void metricsListener?.close();
    Promise.all(workers.map((w) => w.close()))
      // Closes the queues too (services.jobs).
      .then(() => services.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  });
}
