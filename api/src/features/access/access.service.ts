import { randomBytes } from 'node:crypto';
import { PermissionBit } from '../../permissions/bits.js';
import { computePermissions, type RoleGrant } from '../../permissions/compute.js';
import type { Actor } from '../../permissions/hierarchy.js';
import { notFound } from '../../kernel/errors/app-error.js';
import { isSnowflake } from '../../kernel/ids/snowflake.js';
import { TtlCache } from '../../kernel/cache/ttl-cache.js';
import type { EventBus } from '../../kernel/pubsub/event-bus.js';
import { Topic, type AccessInvalidation } from '../../realtime/topics.js';
import type { AccessLoader } from './access.loader.js';
import type { ChannelSnapshot, MemberSnapshot, ServerSnapshot } from './access.snapshot.js';

export interface ServerAccess {
  server: ServerSnapshot;
  userId: string;
  member: MemberSnapshot | null;
  /** The member's roles besides @everyone. */
  roles: readonly RoleGrant[];
  /** Server-level permissions (0 for non-members). */
  permissions: bigint;
  actor: Actor;
}

export interface ChannelAccess extends ServerAccess {
  channel: ChannelSnapshot;
  /** Channel-level permissions. */
  channelPermissions: bigint;
}

const VIEW = PermissionBit.VIEW_CHANNEL;

/** A live stream that re-checks its access when it may have changed (see AccessService.watch). */
export interface AccessWatcher {
  readonly userId: string;
  accessChanged(): void;
}

/**
 * Answers "what may this user do here" from cached snapshots and the pure engine. Any change to
 * roles, channels, overwrites or a member is announced through `invalidate`, which reaches every
 * process through Redis before any event published after it (one ordered connection).
 */
export class AccessService {
  private readonly servers: TtlCache<Promise<ServerSnapshot | null>>;
  private readonly members: TtlCache<Promise<MemberSnapshot | null>>;
  private readonly channelServers: TtlCache<string>;

  constructor(
    private readonly loader: AccessLoader,
    private readonly bus: EventBus,
    cache: { ttlMs: number; maxEntries: number },
  ) {
    this.servers = new TtlCache(cache.ttlMs, cache.maxEntries);
    this.members = new TtlCache(cache.ttlMs, cache.maxEntries);
    this.channelServers = new TtlCache(cache.ttlMs, cache.maxEntries);
  }

  async start(): Promise<void> {
    await this.bus.listen(Topic.accessInvalidation, (payload) => this.received(payload));
    this.bus.onResubscribed(() => this.dropAll());
  }

  /** Invalidations sent while this process was not subscribed are lost: forget everything, re-check every stream. */
  private dropAll(): void {
    this.servers.clear();
    this.members.clear();
    for (const set of [...this.watchers.values()]) for (const watcher of [...set]) watcher.accessChanged();
  }

  private readonly changeListeners: ((serverId: string, userId?: string) => Promise<void>)[] = [];

  /** Runs after every change this process announces (not on other processes' announcements: one actor reacts). */
  onChange(listener: (serverId: string, userId?: string) => Promise<void>): void {
    this.changeListeners.push(listener);
  }

  /**
   * Announces a change: drops the local cache now and every other process's on receipt. On a Redis
   * Cluster the announcement is repeated on the server's topic and each of its channels' (an
   * AccessMarker): there only one topic's messages keep their order, and a stream must learn of the
   * change before any event published after it.
   */
  async invalidate(serverId: string, userId?: string): Promise<void> {
    const id = `${this.instance}:${(this.announced += 1)}`;
    const message: AccessInvalidation = userId ? { serverId, userId, id } : { serverId, id };
    this.received(message);
    await this.bus.publish(Topic.accessInvalidation, message);
    if (this.bus.isSharded) {
      const marker = { type: 'ACCESS', invalidation: message } as const;
      const channelIds = await this.loader.channelIdsOf(serverId);
      await Promise.all([
        this.bus.publish(Topic.server(serverId), marker),
        ...channelIds.map((channelId) => this.bus.publish(Topic.channel(channelId), marker)),
      ]);
    }
    for (const listener of this.changeListeners) await listener(serverId, userId);
  }

  /** This service (one per process, but tests run two in one), in announcement ids. */
  private readonly instance = randomBytes(6).toString('hex');
  private announced = 0;
  /** Ids of the announcements acted on lately, oldest first: each copy after the first is ignored. */
  private readonly seen = new Set<string>();

  /** An announcement arrived (the global topic or a copy on a channel's or server's topic): acted on once. */
  received(invalidation: AccessInvalidation): void {
    if (invalidation.id) {
      if (this.seen.has(invalidation.id)) return;
      this.seen.add(invalidation.id);
      // Copies arrive within moments of each other; a few thousand ids is ample.
      if (this.seen.size > 4096) for (const old of [...this.seen].slice(0, 2048)) this.seen.delete(old);
    }
    this.drop(invalidation);
  }

  private readonly watchers = new Map<string, Set<AccessWatcher>>();

  /**
   * Calls `accessChanged` whenever cached access of the watcher's user in this server may have
   * changed (a server change, or one of theirs), wherever it happened: live streams re-check without
   * waiting for traffic. Until `unwatch`.
   */
  watch(serverId: string, watcher: AccessWatcher): void {
    let set = this.watchers.get(serverId);
    if (!set) {
      set = new Set();
      this.watchers.set(serverId, set);
    }
    set.add(watcher);
  }

  unwatch(serverId: string, watcher: AccessWatcher): void {
    const set = this.watchers.get(serverId);
    if (set?.delete(watcher) && set.size === 0) this.watchers.delete(serverId);
  }

  private drop(invalidation: AccessInvalidation): void {
    this.evict(invalidation);
    for (const watcher of [...(this.watchers.get(invalidation.serverId) ?? [])]) {
      if (!invalidation.userId || invalidation.userId === watcher.userId) watcher.accessChanged();
    }
  }

  private evict({ serverId, userId }: AccessInvalidation): void {
    if (userId) {
      this.members.delete(`${serverId}:${userId}`);
      return;
    }
    this.servers.delete(serverId);
    this.members.deletePrefix(`${serverId}:`);
  }

  private cached<T>(map: TtlCache<Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
    let value = map.get(key);
    if (!value) {
      value = load();
      map.set(key, value);
      // A failed load must not stay cached.
      value.catch(() => map.delete(key));
    }
    return value;
  }

  serverSnapshot(serverId: string): Promise<ServerSnapshot | null> {
    if (!isSnowflake(serverId)) return Promise.resolve(null);
    return this.cached(this.servers, serverId, () => this.loader.loadServer(serverId));
  }

  memberSnapshot(serverId: string, userId: string): Promise<MemberSnapshot | null> {
    return this.cached(this.members, `${serverId}:${userId}`, () => this.loader.loadMember(serverId, userId));
  }

  async serverIdOfChannel(channelId: string): Promise<string | null> {
    if (!isSnowflake(channelId)) return null;
    const known = this.channelServers.get(channelId);
    if (known) return known;
    const serverId = await this.loader.serverOfChannel(channelId);
    if (serverId) this.channelServers.set(channelId, serverId);
    return serverId;
  }

  async serverIdOfRole(roleId: string): Promise<string | null> {
    return isSnowflake(roleId) ? this.loader.serverOfRole(roleId) : null;
  }

  /** A server the user may see (public, or a member); otherwise NOT_FOUND, never revealing private ones. */
  async server(serverId: string, userId: string, now = new Date()): Promise<ServerAccess> {
    const server = await this.serverSnapshot(serverId);
    if (!server) throw notFound('Server');
    const member = await this.memberSnapshot(serverId, userId);
    if (!member && server.isPrivate) throw notFound('Server');
    const roles = member ? rolesOf(server, member) : [];
    const permissions = member
      ? computePermissions({
          ownerId: server.ownerId,
          memberId: userId,
          everyone: server.everyone,
          roles,
          timedOutUntil: member.timedOutUntil,
          now,
        })
      : 0n;
    return { server, userId, member, roles, permissions, actor: { userId, ownerId: server.ownerId, roles } };
  }

  /** Another user's roles in a server (none when not a member): for hierarchy checks. */
  async rolesOfMember(server: ServerSnapshot, userId: string): Promise<RoleGrant[]> {
    const member = await this.memberSnapshot(server.id, userId);
    return member ? rolesOf(server, member) : [];
  }

  /** A channel the user can see; a channel without VIEW_CHANNEL answers NOT_FOUND. */
  async channel(channelId: string, userId: string, now = new Date()): Promise<ChannelAccess> {
    const serverId = await this.serverIdOfChannel(channelId);
    if (!serverId) throw notFound('Channel');
    const access = await this.server(serverId, userId, now);
    const channel = access.server.channels.get(channelId);
    if (!channel) throw notFound('Channel');
    const channelPermissions = this.channelPermissions(access, channel, now);
    if ((channelPermissions & VIEW) === 0n) throw notFound('Channel');
    return { ...access, channel, channelPermissions };
  }

  channelPermissions(access: ServerAccess, channel: ChannelSnapshot, now = new Date()): bigint {
    if (!access.member) return 0n;
    return computePermissions({
      ownerId: access.server.ownerId,
      memberId: access.userId,
      everyone: access.server.everyone,
      roles: access.roles,
      overwrites: channel.overwrites,
      privateChannel: channel.isPrivate,
      timedOutUntil: access.member.timedOutUntil,
      now,
    });
  }

  /**
   * Everything a viewer-dependent field can depend on (server and per-channel permissions), as a
   * string: subscribers with equal views get equal results, so fan-out may share one execution.
   */
  permissionView(access: ServerAccess, now = new Date()): string {
    let view = access.permissions.toString(36);
    for (const channel of access.server.channels.values()) view += `,${this.channelPermissions(access, channel, now).toString(36)}`;
    return view;
  }

  /** Channels of the server the user can see, in snapshot order. */
  visibleChannelIds(access: ServerAccess, now = new Date()): Set<string> {
    const visible = new Set<string>();
    for (const channel of access.server.channels.values()) {
      if (this.channelPermissions(access, channel, now) & VIEW) visible.add(channel.id);
    }
    return visible;
  }
}

function rolesOf(server: ServerSnapshot, member: MemberSnapshot): RoleGrant[] {
  return member.roleIds.map((id) => server.roles.get(id)).filter((r): r is RoleGrant => r !== undefined);
}
