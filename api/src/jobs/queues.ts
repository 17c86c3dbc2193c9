/**
 * Every BullMQ queue and job payload, defined once: the API enqueues, the workers consume.
 * Job names are explicit strings (never class names, which break on rename).
 */
export const QueueName = {
  /** Rate-limit refusals recorded by the API; the workers apply each server's escalation policy. */
  rateLimitRefusals: 'rate-limit-refusals',
  /** One delayed job per user, pushed back by every heartbeat (deduplicated). */
  presenceExpiry: 'presence-expiry',
  /** Delayed: announce a member's timeout end exactly when it ends. */
  timeoutExpiry: 'timeout-expiry',
  /** Repeatable: delete expired invites and other leftovers. */
  housekeeping: 'housekeeping',
} as const;

export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export type RefusalScope = 'channel' | 'server' | 'slowmode';

export interface RateLimitRefusalJob {
  serverId: string;
  channelId: string;
  userId: string;
  scope: RefusalScope;
  /** Epoch ms of the refusal. */
  at: number;
}

export interface PresenceExpiryJob {
  userId: string;
}

export interface TimeoutExpiryJob {
  serverId: string;
  userId: string;
  /** ISO time the timeout was set to end; a later change makes this job a no-op. */
  until: string;
}

export interface HousekeepingJob {
  /**
   * expired-invites: delete them. sweep: end voice sessions of users with no live device left, and
   * redo side effects a dead process committed but never announced (the outbox and the timeout outbox).
   */
  task: 'expired-invites' | 'sweep';
}

/** Payload type per queue: producers and consumers share it. */
export interface JobPayloads {
  [QueueName.rateLimitRefusals]: RateLimitRefusalJob;
  [QueueName.presenceExpiry]: PresenceExpiryJob;
  [QueueName.timeoutExpiry]: TimeoutExpiryJob;
  [QueueName.housekeeping]: HousekeepingJob;
}
