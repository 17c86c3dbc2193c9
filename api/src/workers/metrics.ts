import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { collectProcessMetrics } from '../kernel/metrics/process-metrics.js';
import type { Queue, Worker } from 'bullmq';

/** Queue depth (read on scrape), job durations and failures, per queue. */
export function workerMetrics(queues: readonly Queue[], workers: readonly Worker[]): Registry {
  const registry = new Registry();
  collectProcessMetrics(registry);
  new Gauge({
    name: 'rashigo_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        for (const [state, count] of Object.entries(counts)) this.set({ queue: queue.name, state }, count);
      }
    },
  });
  const durations = new Histogram({
    name: 'rashigo_job_duration_seconds',
    help: 'Job run time',
    labelNames: ['queue'],
    buckets: [0.005, 0.02, 0.1, 0.5, 2, 10],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'rashigo_job_failures_total',
    help: 'Failed job attempts',
    labelNames: ['queue'],
    registers: [registry],
  });
  for (const worker of workers) {
    worker.on('completed', (job) => {
      if (job.processedOn && job.finishedOn) durations.observe({ queue: worker.name }, (job.finishedOn - job.processedOn) / 1000);
    });
    worker.on('failed', () => failures.inc({ queue: worker.name }));
  }
  return registry;
}
