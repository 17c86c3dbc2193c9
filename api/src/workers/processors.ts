import { QueueName, type JobPayloads } from '../jobs/queues.js';
import type { Services } from '../services.js';
import type { Job } from 'bullmq';

type Processor<Q extends QueueName> = (job: Job<JobPayloads[Q]>) => Promise<unknown>;

/** One handler per queue; each is idempotent, so a retried or duplicated job does no harm. */
export function processors(services: Services, sweepEveryMs: number): { [Q in QueueName]: Processor<Q> } {
  return {
    [QueueName.rateLimitRefusals]: (job) => services.escalation.handleRefusal(job.id!, job.data),
    [QueueName.presenceExpiry]: (job) => services.presence.expire(job.data.userId),
    [QueueName.timeoutExpiry]: (job) => services.moderation.endTimeout(job.data.serverId, job.data.userId, new Date(job.data.until)),
    [QueueName.housekeeping]: async (job) =>
      job.data.task === 'sweep'
        ? {
            ghostsEnded: await services.presence.endGhosts(await services.voice.usersInVoice()),
            // Older than a sweep period: the process that wrote it has had time to announce it itself.
            announced: await services.moderation.drainTimeoutOutbox(sweepEveryMs),
            performed: await services.outbox.sweep(sweepEveryMs),
          }
        : { expiredInvites: await services.invites.deleteExpired() },
  };
}
