import type { Redis } from 'ioredis';
import type { RedisKeys } from '../../kernel/redis/keys.js';
import { ChosenStatus } from '../users/user.entity.js';

/**
 * Live presence, read from Redis: the status key exists only while a user is online and shown
 * (heartbeats keep it alive; the workers clear it when the beats stop).
 */
export class PresenceService {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async statuses(userIds: readonly string[]): Promise<ChosenStatus[]> {
    if (userIds.length === 0) return [];
    const values = await this.redis.mget(userIds.map((id) => this.keys.presenceStatus(id)));
    return values.map((v) => (v && (Object.values(ChosenStatus) as string[]).includes(v) ? (v as ChosenStatus) : ChosenStatus.OFFLINE));
  }
}
