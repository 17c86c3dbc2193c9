import { Queue, type JobsOptions } from 'bullmq';
import { createRedis, type RedisClient, type RedisTarget } from '../kernel/redis/redis.js';
import { type QueueName, type JobPayloads } from './queues.js';

/**
 * Producers for every queue, on a Redis connection of their own; prefix isolates tenants and test runs.
 * Not the process's command connection: BullMQ defines its 64 Lua scripts on the connection it is
 * given, and ioredis copies every defined script onto each pipeline it builds — with auto-pipelining,
 * one per tick with commands; on the hot path that made a pipeline cost 40 µs instead of about 3.
 */
export class JobQueues {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly connection: RedisClient;

  constructor(
    target: RedisTarget,
    /** RedisKeys.bullPrefix: the workers' queues use the same. */
    private readonly prefix: string,
  ) {
    this.connection = createRedis(target, 'rashigo-jobs');
  }

  queue<Q extends QueueName>(name: Q): Queue<JobPayloads[Q]> {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      // As for the connection itself: a failure is reported by the add that fails (BullMQ prints unheard errors).
      queue.on('error', () => undefined);
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
    await this.connection.quit();
  }
}
