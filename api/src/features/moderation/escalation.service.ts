import type { RedisKeys } from '../../kernel/redis/keys.js';
import { luaScripts } from '../../kernel/redis/lua-scripts.js';
import type { RedisClient } from '../../kernel/redis/redis.js';
import type { RateLimitRefusalJob } from '../../jobs/queues.js';
import type { AccessService } from '../access/access.service.js';
import type { ModerationService } from './moderation.service.js';

/**
 * count(KEYS: refusals, decided; ARGV: jobId, atMs, windowMs, threshold, decidedTtlMs)
 * Counts a refusal once per job and decides atomically whether it crosses the threshold: exactly one
 * job of a burst gets 1, and the same job gets 1 again if it is retried (so its timeout is applied).
 */
const COUNT_SCRIPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 1 end
local at = tonumber(ARGV[2])
redis.call('ZADD', KEYS[1], at, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', at - tonumber(ARGV[3]))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[4]) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], '1', 'PX', ARGV[5])
return 1
`;

type EscalationScripts = {
  countRefusal(
    refusals: string,
    decided: string,
    jobId: string,
    at: number,
    windowMs: number,
    threshold: number,
    ttl: number,
  ): Promise<number>;
};

export type EscalationOutcome = 'disabled' | 'counted' | 'timed-out' | 'already-timed-out';

/** The server's policy for repeated rate-limit refusals (default: 3 within 60 s => 5 minute timeout). */
export class EscalationService {
  private readonly scripts: EscalationScripts;

  constructor(
    redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly access: AccessService,
    private readonly moderation: ModerationService,
  ) {
    this.scripts = luaScripts<EscalationScripts>(redis, 'escalation', { countRefusal: { numberOfKeys: 2, lua: COUNT_SCRIPT } });
  }

  async handleRefusal(jobId: string, refusal: RateLimitRefusalJob): Promise<EscalationOutcome> {
    const server = await this.access.serverSnapshot(refusal.serverId);
    if (!server?.limits.escalationEnabled) return 'disabled';
    const { escalationRefusals, escalationWindowSeconds, escalationTimeoutSeconds } = server.limits;
    const crossed = await this.scripts.countRefusal(
      this.keys.refusals(refusal.serverId, refusal.userId),
      this.keys.escalationDecided(refusal.userId, jobId),
      jobId,
      refusal.at,
      escalationWindowSeconds * 1000,
      escalationRefusals,
      86_400_000,
    );
    if (!crossed) return 'counted';
    // The end derives from the refusal's time, so a retry sets the very same value (a no-op).
    const until = new Date(refusal.at + escalationTimeoutSeconds * 1000);
    // A refusal made while a timeout (e.g. from an earlier crossing of the same burst) covers it adds none.
    const member = await this.moderation.applyTimeout(
      refusal.serverId,
      refusal.userId,
      until,
      null,
      `Automatic: ${escalationRefusals} rate-limit refusals within ${escalationWindowSeconds} s`,
      new Date(refusal.at),
    );
    return member.timedOutUntil !== null && new Date(member.timedOutUntil).getTime() === until.getTime()
      ? 'timed-out'
      : 'already-timed-out';
  }
}
