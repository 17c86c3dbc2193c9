import type { Orm } from '../../kernel/db/orm.js';
import type { RedisKeys } from '../../kernel/redis/keys.js';
import { luaScripts } from '../../kernel/redis/lua-scripts.js';
import { getMany, type RedisClient } from '../../kernel/redis/redis.js';
import type { JobQueues } from '../../jobs/job-queues.js';
import { QueueName } from '../../jobs/queues.js';
import type { EventPublisher } from '../../realtime/topics.js';
import { owed } from '../../outbox/outbox-effect.js';
import type { Outbox } from '../../outbox/outbox.js';
import { Member } from '../members/member.entity.js';
import { ChosenStatus, User } from '../users/user.entity.js';
import type { UsersService } from '../users/users.service.js';
import { BEAT_SCRIPT, CHOSEN_MISSING, CHOOSE_SCRIPT, EXPIRE_SCRIPT, OFFLINE_PENDING } from './presence.scripts.js';

/** How long an offline transition whose announcement failed stays retriable. */
const OFFLINE_PENDING_TTL_MS = 3_600_000;

export interface PresenceTimings {
  timeoutMs: number;
  graceMs: number;
}

type PresenceScripts = {
  beat(devices: string, status: string, chosen: string, device: string, expiresAt: number, ttl: number): Promise<[number, number]>;
  expire(devices: string, status: string, now: number, pendingTtl: number): Promise<[number, number, number]>;
  choose(devices: string, status: string, chosen: string, unannounced: string, value: string, ttl: number): Promise<number>;
};

/**
 * Live presence. Devices (a heartbeat session, or an API process holding a user's sockets) push
 * their expiry forward; one delayed BullMQ job per user, debounced, fires when the last could have
 * expired, and the workers then decide atomically whether the user went offline.
 */
export class PresenceService {
  private readonly redis: RedisClient;
  private readonly scripts: PresenceScripts;

  constructor(
    redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly orm: Orm,
    private readonly jobs: JobQueues,
    private readonly users: UsersService,
    private readonly events: EventPublisher,
    private readonly outbox: Outbox,
    private readonly timings: PresenceTimings,
  ) {
    this.redis = redis;
    this.scripts = luaScripts<PresenceScripts>(redis, 'presence', {
      beat: { numberOfKeys: 3, lua: BEAT_SCRIPT },
      expire: { numberOfKeys: 2, lua: EXPIRE_SCRIPT },
      choose: { numberOfKeys: 4, lua: CHOOSE_SCRIPT },
    });
  }

  /** A device is alive for another timeout (or for `graceMs` when its connection just closed). */
  async beat(userId: string, device: string, aliveForMs = this.timings.timeoutMs): Promise<void> {
    const k = this.userKeys(userId);
    const run = () => this.scripts.beat(k.devices, k.status, k.chosen, device, Date.now() + aliveForMs, this.keyTtlMs());
    let [changed, latest] = await run();
    if (changed === CHOSEN_MISSING) {
      // Redis lost it (restart without persistence, eviction): users.chosen_status is the record.
      await this.redis.set(k.chosen, await this.chosenInDatabase(userId), 'NX');
      [changed, latest] = await run();
    }
    await this.scheduleExpiry(userId, latest);
    if (changed) await this.announce(userId);
  }

  private readonly offlineListeners: ((userId: string) => Promise<unknown>)[] = [];

  /** Runs once when a user's last device goes (ending their voice sessions, for one). */
  onOffline(listener: (userId: string) => Promise<unknown>): void {
    this.offlineListeners.push(listener);
  }

  /** Called by the workers when the user's expiry job fires. */
  async expire(userId: string): Promise<'offline' | 'alive' | 'unchanged'> {
    const k = this.userKeys(userId);
    const [lastDeviceGone, statusCleared, latest] = await this.scripts.expire(k.devices, k.status, Date.now(), OFFLINE_PENDING_TTL_MS);
    if (latest > 0) {
      await this.scheduleExpiry(userId, latest);
      return 'alive';
    }
    if (!lastDeviceGone) return 'unchanged';
    for (const listener of this.offlineListeners) await listener(userId);
    if (statusCleared) await this.announce(userId);
    // Done: until here a failure leaves the transition pending, and the job's retry redoes it.
    await this.redis.hdel(k.devices, OFFLINE_PENDING);
    return 'offline';
  }

  private async chosenInDatabase(userId: string): Promise<ChosenStatus> {
    const user = await this.orm.em.fork().findOne(User, { id: userId }, { fields: ['chosenStatus'] });
    return user?.chosenStatus ?? ChosenStatus.ONLINE;
  }

  /**
   * For users who hold voice sessions: those with no live device left go offline now, even when
   * their presence keys and expiry job are long gone (workers down for longer than the keys live).
   * Returns how many were ended.
   */
  async endGhosts(userIds: readonly string[]): Promise<number> {
    let ended = 0;
    for (const userId of userIds) {
      const outcome = await this.expire(userId);
      if (outcome === 'alive' || outcome === 'offline') {
        if (outcome === 'offline') ended += 1;
        continue;
      }
      // Nothing left to expire: the transition was never made. Make it (voice ends) and announce it.
      for (const listener of this.offlineListeners) await listener(userId);
      await this.announce(userId);
      ended += 1;
    }
    return ended;
  }

  /** ONLINE, IDLE, DND, or OFFLINE (invisible: shown as offline while connected). */
  async choose(userId: string, status: ChosenStatus): Promise<void> {
    // Redis and the announcement follow the commit through the outbox: a crash in between cannot
    // leave others seeing the old status.
    await this.outbox.transaction(async (em, owe) => {
      await em.nativeUpdate(User, { id: userId }, { chosenStatus: status });
      owe(owed.presenceChosen(userId));
    });
  }

  /**
   * What a chosen status owes after its commit: users.chosen_status (the record, read now rather than
   * carried, so a late or repeated performance applies the latest choice) set in Redis, and
   * PresenceUpdated while what others see changed unannounced.
   */
  async applyChosen(userId: string): Promise<void> {
    const k = this.userKeys(userId);
    const status = await this.chosenInDatabase(userId);
    if (!(await this.scripts.choose(k.devices, k.status, k.chosen, k.unannounced, status, this.keyTtlMs()))) return;
    await this.announce(userId);
    await this.redis.del(k.unannounced);
  }

  async statuses(userIds: readonly string[]): Promise<ChosenStatus[]> {
    if (userIds.length === 0) return [];
    const values = await getMany(
      this.redis,
      userIds.map((id) => this.keys.presenceStatus(id)),
    );
    return values.map((v) => (v && (Object.values(ChosenStatus) as string[]).includes(v) ? (v as ChosenStatus) : ChosenStatus.OFFLINE));
  }

  /** Of these users, those others see online (idle and do-not-disturb too; an invisible one shows offline). */
  async shownOnline(userIds: readonly string[]): Promise<string[]> {
    const statuses = await this.statuses(userIds);
    return userIds.filter((_, i) => statuses[i] !== ChosenStatus.OFFLINE);
  }

  /** Debounced: each beat replaces the pending job; a beat during processing queues one follow-up. */
  private async scheduleExpiry(userId: string, latestExpiryMs: number): Promise<void> {
    await this.jobs.add(
      QueueName.presenceExpiry,
      { userId },
      {
        delay: Math.max(0, latestExpiryMs - Date.now()) + 50,
        // keepLastIfActive rather than a ttl: a beat that lands while the job runs must not be lost.
        deduplication: { id: `presence:${userId}`, replace: true, keepLastIfActive: true },
        removeOnComplete: true,
      },
    );
  }

  /** PresenceUpdated to every server the user is in. */
  private async announce(userId: string): Promise<void> {
    const [user, memberships] = await Promise.all([
      this.users.cachedView(userId),
      this.orm.em.fork().find(Member, { user: userId }, { fields: ['server'] }),
    ]);
    if (!user) return;
    await Promise.all(memberships.map((m) => this.events.server(m.server, { type: 'PresenceUpdated', user })));
  }

  private userKeys(userId: string) {
    return {
      devices: this.keys.presenceDevices(userId),
      status: this.keys.presenceStatus(userId),
      chosen: this.keys.presenceChosen(userId),
      unannounced: this.keys.presenceUnannounced(userId),
    };
  }

  /** Keys outlive a missed expiry job (worker down) only briefly: presence heals itself. */
  private keyTtlMs(): number {
    return this.timings.timeoutMs * 3;
  }
}
