import { Queue, type JobsOptions } from 'bullmq';
import type { RedisClient } from '../kernel/redis/redis.js';
import { type QueueName, type JobPayloads } from './queues.js';

/** Producers for every queue, sharing one Redis connection; prefix isolates tenants and test runs. */
export class JobQueues {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly connection: RedisClient,
    /** RedisKeys.bullPrefix: the workers' queues use the same. */
    private readonly prefix: string,
  ) {}

  queue<Q extends QueueName>(name: Q): Queue<JobPayloads[Q]> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue as unknown as Queue<JobPayloads[Q]>;
  }

  async add<Q extends QueueName>(name: Q, payload: JobPayloads[Q], options: JobsOptions = {}): Promise<void> {
    // Transient failures retry with backoff; failed jobs stay for inspection.
    await (this.queue(name) as Queue).add(name, payload, {
      attempts: 5,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: 1000,
      removeOnFail: false,
      ...options,
    });
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
