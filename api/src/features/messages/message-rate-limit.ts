import { exemptFromSlowmode } from '../../permissions/policy.js';
import type { RedisKeys } from '../../kernel/redis/keys.js';
import type { SlidingWindowLimiter, Window } from '../../kernel/redis/sliding-window.js';
import type { RefusalScope } from '../../jobs/queues.js';
import type { ChannelAccess } from '../access/access.service.js';

/** Who is sending, beyond their permissions: bots are exempt from slowmode (as in Discord), not from the other limits. */
export interface MessageSender {
  isBot: boolean;
}

export type SendVerdict = { allowed: true } | { allowed: false; scope: RefusalScope; retryAfterMs: number };

/**
 * Per user: per channel, per server, and the channel's slowmode, checked and recorded in one atomic
 * Redis round trip shared by every API instance. A refused send records nothing.
 */
export class MessageRateLimit {
  constructor(
    private readonly limiter: SlidingWindowLimiter,
    private readonly keys: RedisKeys,
  ) {}

  async consume(access: ChannelAccess, sender: MessageSender): Promise<SendVerdict> {
    const { limits } = access.server;
    const { channel, userId } = access;
    const exempt = exemptFromSlowmode(access.channelPermissions, sender.isBot);
    const windows: (Window & { scope: RefusalScope })[] = [
      {
        scope: 'channel',
        key: this.keys.messagesPerChannel(channel.id, userId),
        limit: limits.channelMessageLimit,
        windowMs: limits.channelMessageWindowSeconds * 1000,
      },
      {
        scope: 'server',
        key: this.keys.messagesPerServer(access.server.id, userId),
        limit: limits.serverMessageLimit,
        windowMs: limits.serverMessageWindowSeconds * 1000,
      },
      { scope: 'slowmode', key: this.keys.slowmode(channel.id, userId), limit: exempt ? 0 : 1, windowMs: channel.slowmodeSeconds * 1000 },
    ];
    const verdict = await this.limiter.consume(windows);
    return verdict.allowed ? verdict : { allowed: false, scope: windows[verdict.index]!.scope, retryAfterMs: verdict.retryAfterMs };
  }
}
