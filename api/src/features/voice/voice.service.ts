import { z } from 'zod';
import { hasPermission } from '../../permissions/bits.js';
import { canModerateVoice, voiceModerationPermissions, type VoiceModerationAction } from '../../permissions/policy.js';
import { requirePermissions } from '../../permissions/require.js';
import type { Orm } from '../../kernel/db/orm.js';
import { forbidden } from '../../kernel/errors/app-error.js';
import { Failpoint, failpoint } from '../../kernel/faults/failpoint.js';
import { newId } from '../../kernel/ids/snowflake.js';
import type { EventBus } from '../../kernel/pubsub/event-bus.js';
import type { RedisKeys } from '../../kernel/redis/keys.js';
import { luaScripts } from '../../kernel/redis/lua-scripts.js';
import { isCluster, type RedisClient } from '../../kernel/redis/redis.js';
import { parseInput } from '../../kernel/validation/parse-input.js';
import { Topic, type EventPublisher } from '../../realtime/topics.js';
import type { AccessService, ChannelAccess, ServerAccess } from '../access/access.service.js';
import { AuditAction } from '../audit/audit-action.js';
import type { AuditService } from '../audit/audit.service.js';
import { ChannelType } from '../channels/channel.entity.js';
import { assertNotTimedOut } from '../moderation/moderation.errors.js';
import { iceServersFor, type IceConfig } from './ice-servers.js';
import { channelFull, notVoiceChannel, sessionNotFound } from './voice.errors.js';
import { JOIN_SCRIPT, LEAVE_SCRIPT, PATCH_SCRIPT } from './voice.scripts.js';
import type { IceServerView, VoiceSessionView, VoiceSignalPayload, VoiceSignalType, VoiceStateView } from './voice-state.js';

type VoiceScripts = {
  join(
    sessions: string,
    users: string,
    channel: string,
    serverPrefix: string,
    sessionId: string,
    channelId: string,
    userId: string,
    state: string,
    limit: number,
  ): Promise<[number, string?, string?]>;
  leave(sessions: string, users: string, serverPrefix: string, sessionId: string): Promise<string | null>;
  patch(sessions: string, serverPrefix: string, sessionId: string, patch: string): Promise<string | null>;
};

const MAX_SIGNAL_BYTES = 64 * 1024;
const signalSchema = z.object({
  payload: z
    .string()
    .refine((p) => Buffer.byteLength(p, 'utf8') <= MAX_SIGNAL_BYTES, 'must be at most 64 KiB')
    .refine((p) => {
      try {
        JSON.parse(p);
        return true;
      } catch {
        return false;
      }
    }, 'must be JSON'),
});

/** Voice channels: sessions and their state in Redis, signalling relayed within a channel, moderation. */
export class VoiceService {
  private readonly redis: RedisClient;
  private readonly scripts: VoiceScripts;

  constructor(
    redis: RedisClient,
    private readonly keys: RedisKeys,
    private readonly orm: Orm,
    private readonly bus: EventBus,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly events: EventPublisher,
    private readonly ice: IceConfig,
  ) {
    this.redis = redis;
    this.scripts = luaScripts<VoiceScripts>(redis, 'voice', {
      join: { numberOfKeys: 3, lua: JOIN_SCRIPT },
      leave: { numberOfKeys: 2, lua: LEAVE_SCRIPT },
      patch: { numberOfKeys: 1, lua: PATCH_SCRIPT },
    });
  }

  iceServers(userId: string): IceServerView[] {
    return iceServersFor(userId, this.ice);
  }

  /** JOIN_VOICE to join; without SPEAK the session starts server-muted; MOVE_MEMBERS may exceed userLimit. */
  async join(access: ChannelAccess, selfMute: boolean, selfDeaf: boolean): Promise<VoiceSessionView> {
    if (access.channel.type !== ChannelType.VOICE) throw notVoiceChannel();
    assertNotTimedOut(access);
    if (!hasPermission(access.channelPermissions, 'JOIN_VOICE')) throw forbidden('JOIN_VOICE');
    const imposed = await this.imposed(access.server.id, access.userId);
    const state: VoiceStateView = {
      sessionId: newId(),
      userId: access.userId,
      channelId: access.channel.id,
      serverId: access.server.id,
      selfMute,
      selfDeaf,
      serverMute: imposed.serverMute || !hasPermission(access.channelPermissions, 'SPEAK'),
      serverDeaf: imposed.serverDeaf,
      joinedAt: new Date().toISOString(),
    };
    const limit = hasPermission(access.channelPermissions, 'MOVE_MEMBERS') ? 0 : access.channel.userLimit;
    const [ok, oldSession, oldChannel] = await this.store(state, limit);
    if (!ok) throw channelFull(access.channel.userLimit);
    if (oldSession) await this.announceEnded(state.serverId, oldChannel ?? null, state.userId, oldSession);
    await this.announce(state);
    const participants = (await this.states(state.serverId, state.channelId)).filter((s) => s.sessionId !== state.sessionId);
    return { sessionId: state.sessionId, channelId: state.channelId, iceServers: this.iceServers(state.userId), participants };
  }

  /**
   * Runs the join script, then records where the new session lives (for lookups by session id
   * alone and for ending all of a user's sessions); the server's keys remain the truth. The user's
   * set of servers is written before the script too: a process that dies between the script and
   * the writes after it would otherwise leave a session the sweep (which walks those sets) never
   * finds. An entry left by a join that stored nothing is pruned at once, or by the sweep after a crash.
   */
  private async store(state: VoiceStateView, limit: number): Promise<[number, string?, string?]> {
    const { serverId, sessionId, channelId, userId } = state;
    const k = this.keys;
    await this.redis.sadd(k.voiceUserServers(userId), serverId);
    const result = await this.scripts.join(
      k.voiceSessions(serverId),
      k.voiceUsers(serverId),
      k.voiceChannel(serverId, channelId),
      k.voiceServerPrefix(serverId),
      sessionId,
      channelId,
      userId,
      JSON.stringify(state),
      limit,
    );
    if (!result[0]) {
      await this.holdsSessionIn(userId, serverId); // refused (full): the entry goes unless a session is there
      return result;
    }
    failpoint(Failpoint.voiceStored);
    // Separate commands: on a cluster these keys live on other slots than the server's. The set
    // again: an `end` of this user's earlier session may have pruned it while the script ran.
    await Promise.all([
      this.redis.set(k.voiceSessionServer(sessionId), serverId),
      this.redis.sadd(k.voiceUserServers(userId), serverId),
      result[1] ? this.redis.del(k.voiceSessionServer(result[1])) : null,
    ]);
    return result;
  }

  async states(serverId: string, channelId: string): Promise<VoiceStateView[]> {
    const raw = await this.redis.hvals(this.keys.voiceChannel(serverId, channelId));
    return raw.map((json) => JSON.parse(json) as VoiceStateView).sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
  }

  async session(sessionId: string): Promise<VoiceStateView | null> {
    const serverId = await this.redis.get(this.keys.voiceSessionServer(sessionId));
    return serverId ? this.sessionIn(serverId, sessionId) : null;
  }

  private async sessionIn(serverId: string, sessionId: string): Promise<VoiceStateView | null> {
    const channelId = await this.redis.hget(this.keys.voiceSessions(serverId), sessionId);
    if (!channelId) return null;
    const json = await this.redis.hget(this.keys.voiceChannel(serverId, channelId), sessionId);
    return json ? (JSON.parse(json) as VoiceStateView) : null;
  }

  /** The caller's own live session, or NOT_FOUND (never someone else's). */
  async ownSession(userId: string, sessionId: string): Promise<VoiceStateView> {
    const state = /^\d{1,20}$/.test(sessionId) ? await this.session(sessionId) : null;
    if (!state || state.userId !== userId) throw sessionNotFound();
    return state;
  }

  async leave(userId: string, sessionId: string): Promise<void> {
    const state = await this.ownSession(userId, sessionId);
    await this.end(state.serverId, sessionId);
  }

  async updateSelf(
    userId: string,
    sessionId: string,
    patch: { selfMute?: boolean | null; selfDeaf?: boolean | null },
  ): Promise<VoiceStateView> {
    const state = await this.ownSession(userId, sessionId);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v != null));
    return this.patch(state.serverId, sessionId, changes);
  }

  private async patch(serverId: string, sessionId: string, changes: Partial<VoiceStateView>): Promise<VoiceStateView> {
    const k = this.keys;
    const json = await this.scripts.patch(k.voiceSessions(serverId), k.voiceServerPrefix(serverId), sessionId, JSON.stringify(changes));
    if (!json) throw sessionNotFound();
    const state = JSON.parse(json) as VoiceStateView;
    await this.announce(state);
    return state;
  }

  /** Relays OFFER/ANSWER/ICE_CANDIDATE between two live sessions of one channel, from the sender's own session. */
  async signal(userId: string, fromSessionId: string, toSessionId: string, type: VoiceSignalType, payload: string): Promise<void> {
    parseInput(signalSchema, { payload });
    const from = await this.ownSession(userId, fromSessionId);
    const to = /^\d{1,20}$/.test(toSessionId) ? await this.sessionIn(from.serverId, toSessionId) : null;
    if (!to || to.channelId !== from.channelId || to.sessionId === from.sessionId) throw sessionNotFound();
    const signal: VoiceSignalPayload = { type, fromSessionId, fromUserId: userId, payload };
    await this.bus.publish(Topic.voiceSignals(toSessionId), signal);
  }

  /** Ends a session wherever it is: leave, disconnect, kick, presence timeout, lost access. */
  async end(serverId: string, sessionId: string): Promise<boolean> {
    const k = this.keys;
    const json = await this.scripts.leave(k.voiceSessions(serverId), k.voiceUsers(serverId), k.voiceServerPrefix(serverId), sessionId);
    if (!json) return false;
    await this.redis.del(k.voiceSessionServer(sessionId));
    const state = JSON.parse(json) as VoiceStateView;
    await this.holdsSessionIn(state.userId, serverId);
    await this.announceEnded(state.serverId, state.channelId, state.userId, sessionId);
    return true;
  }

  /**
   * Whether the user holds a session in the server; if not, the server leaves the user's set (and
   * the set's key goes with its last member, so the sweep stops finding the user). Removed, then
   * checked again: a join adds the server after its script has stored the session, so however a
   * join interleaves with this, a live session stays in the set.
   */
  private async holdsSessionIn(userId: string, serverId: string): Promise<boolean> {
    const holds = async () => (await this.redis.hexists(this.keys.voiceUsers(serverId), userId)) === 1;
    if (await holds()) return true;
    await this.redis.srem(this.keys.voiceUserServers(userId), serverId);
    if (!(await holds())) return false;
    await this.redis.sadd(this.keys.voiceUserServers(userId), serverId);
    return true;
  }

  /**
   * Users who hold a voice session (for the sweep of sessions whose user is gone). A set a session's
   * end did not get to shrink (its process died in between) is pruned here.
   */
  async usersInVoice(): Promise<string[]> {
    const users: string[] = [];
    const prefix = this.keys.voiceUserServers('');
    // SCAN walks one node: on a cluster, every master in turn.
    const nodes = isCluster(this.redis) ? this.redis.nodes('master') : [this.redis];
    for (const node of nodes) {
      const stream = node.scanStream({ match: `${prefix}*`, count: 500 });
      for await (const keys of stream as AsyncIterable<string[]>)
        for (const key of keys) {
          const userId = key.slice(prefix.length);
          const servers = await this.redis.smembers(key);
          const held = await Promise.all(servers.map((serverId) => this.holdsSessionIn(userId, serverId)));
          if (held.includes(true)) users.push(userId);
        }
    }
    return users;
  }

  /** Every voice session of a user (presence timeout). */
  async endAllForUser(userId: string): Promise<number> {
    const servers = await this.redis.smembers(this.keys.voiceUserServers(userId));
    const ended = await Promise.all(
      servers.map(async (serverId) => {
        const sessionId = await this.redis.hget(this.keys.voiceUsers(serverId), userId);
        return sessionId ? this.end(serverId, sessionId) : false;
      }),
    );
    return ended.filter(Boolean).length;
  }

  /**
   * After permissions change in a server: sessions whose user can no longer see the channel or join
   * voice end (kicked or banned members included, their membership being gone).
   */
  async revalidate(serverId: string, userId?: string): Promise<void> {
    const sessions = await this.redis.hkeys(this.keys.voiceSessions(serverId));
    for (const sessionId of sessions) {
      const state = await this.sessionIn(serverId, sessionId);
      if (!state || (userId && state.userId !== userId)) continue;
      const access = await this.access.channel(state.channelId, state.userId).catch(() => null);
      if (!access || !hasPermission(access.channelPermissions, 'JOIN_VOICE')) await this.end(serverId, sessionId);
      else await this.applySpeak(state, hasPermission(access.channelPermissions, 'SPEAK'));
    }
  }

  /** SPEAK lost mid-session server-mutes, as on joining; SPEAK regained lifts that mute unless a moderator imposed one. */
  private async applySpeak(state: VoiceStateView, maySpeak: boolean): Promise<void> {
    if (!maySpeak && !state.serverMute) await this.patch(state.serverId, state.sessionId, { serverMute: true }).catch(() => undefined);
    if (maySpeak && state.serverMute && !(await this.imposed(state.serverId, state.userId)).serverMute) {
      await this.patch(state.serverId, state.sessionId, { serverMute: false }).catch(() => undefined);
    }
  }

  /** moderateVoice: server mute (MUTE_MEMBERS), deafen (DEAFEN_MEMBERS), disconnect and move (MOVE_MEMBERS), each audited. */
  async moderate(access: ServerAccess, userId: string, action: VoiceModerationAction): Promise<void> {
    const needs = voiceModerationPermissions(action);
    const sessionId = await this.redis.hget(this.keys.voiceUsers(access.server.id), userId);
    const state = sessionId ? await this.sessionIn(access.server.id, sessionId) : null;
    const channel = state ? access.server.channels.get(state.channelId) : undefined;
    // Without the permission in that channel (overwrites included), whether the member is in voice stays unsaid.
    requirePermissions(channel ? this.access.channelPermissions(access, channel) : access.permissions, needs);
    if (!state) throw sessionNotFound();
    if (!canModerateVoice(access.actor, { userId, roles: await this.access.rolesOfMember(access.server, userId) })) {
      throw forbidden(needs[0] ?? 'MUTE_MEMBERS', 'You cannot act on a member whose highest role is at or above yours');
    }

    // A refused move refuses the whole call, before any mute or deafen is applied (and left unaudited).
    const destination = action.moveToChannelId ? await this.moveDestination(access, state.userId, action.moveToChannelId) : null;

    const records: { action: AuditAction; changes: Record<string, unknown> }[] = [];
    let current = state;
    if (action.serverMute != null || action.serverDeaf != null) {
      const patch: Partial<VoiceStateView> = {};
      if (action.serverMute != null) {
        patch.serverMute = action.serverMute;
        records.push({ action: AuditAction.VoiceMute, changes: { serverMute: [state.serverMute, action.serverMute] } });
      }
      if (action.serverDeaf != null) {
        patch.serverDeaf = action.serverDeaf;
        records.push({ action: AuditAction.VoiceDeafen, changes: { serverDeaf: [state.serverDeaf, action.serverDeaf] } });
      }
      current = await this.patch(state.serverId, state.sessionId, patch);
      await this.impose(access.server.id, state.userId, patch);
    }
    if (destination) {
      // From the patched state: a mute given in the same call goes along.
      await this.move(current, destination);
      records.push({ action: AuditAction.VoiceMove, changes: { channel: [state.channelId, destination.channel.id] } });
    } else if (action.disconnect) {
      await this.end(state.serverId, state.sessionId);
      records.push({ action: AuditAction.VoiceDisconnect, changes: { channel: [state.channelId, null] } });
    }
    await this.orm.em.fork().transactional(async (em) => {
      for (const r of records)
        this.audit.record(em, {
          serverId: access.server.id,
          action: r.action,
          actorId: access.userId,
          targetId: userId,
          changes: r.changes,
        });
    });
  }

  /** Where a member may be moved: a voice channel of the actor's server that the member may join. */
  private async moveDestination(actor: ServerAccess, userId: string, channelId: string): Promise<ChannelAccess> {
    const destination = actor.server.channels.get(channelId);
    if (!destination || destination.type !== ChannelType.VOICE) throw notVoiceChannel('moveToChannelId');
    requirePermissions(this.access.channelPermissions(actor, destination), ['MOVE_MEMBERS']);
    const target = await this.access.channel(channelId, userId).catch(() => null);
    if (!target || !hasPermission(target.channelPermissions, 'JOIN_VOICE'))
      throw forbidden('JOIN_VOICE', 'That member cannot join the destination channel');
    return target;
  }

  /**
   * A moderator's server mute and deafen belong to the member, not the session (as in Discord):
   * leaving and rejoining does not lift them. Kept per server in Redis beside the sessions.
   */
  private async imposed(serverId: string, userId: string): Promise<{ serverMute: boolean; serverDeaf: boolean }> {
    const json = await this.redis.hget(this.keys.voiceImposed(serverId), userId);
    return { serverMute: false, serverDeaf: false, ...(json ? (JSON.parse(json) as object) : {}) };
  }

  private async impose(
    serverId: string,
    userId: string,
    change: Partial<Pick<VoiceStateView, 'serverMute' | 'serverDeaf'>>,
  ): Promise<void> {
    const next = { ...(await this.imposed(serverId, userId)), ...change };
    const key = this.keys.voiceImposed(serverId);
    if (next.serverMute || next.serverDeaf) await this.redis.hset(key, userId, JSON.stringify(next));
    else await this.redis.hdel(key, userId);
  }

  /** A move keeps the member's mute state and ignores the destination's userLimit (as in Discord). */
  private async move(state: VoiceStateView, target: ChannelAccess): Promise<void> {
    const channelId = target.channel.id;
    // As on joining: without SPEAK in the destination the member arrives server-muted.
    const serverMute = state.serverMute || !hasPermission(target.channelPermissions, 'SPEAK');
    const moved: VoiceStateView = { ...state, sessionId: newId(), channelId, serverMute, joinedAt: new Date().toISOString() };
    await this.store(moved, 0);
    await this.announceEnded(state.serverId, state.channelId, state.userId, state.sessionId, moved.sessionId);
    await this.announce(moved);
  }

  private async announce(state: VoiceStateView): Promise<void> {
    await this.events.server(state.serverId, {
      type: 'VoiceStateUpdated',
      channelId: state.channelId,
      userId: state.userId,
      sessionId: state.sessionId,
      state,
    });
  }

  /** `movedToSessionId`: the session that replaced this one (a move), so the member's client follows it. */
  private async announceEnded(
    serverId: string,
    channelId: string | null,
    userId: string,
    sessionId: string,
    movedToSessionId: string | null = null,
  ): Promise<void> {
    await this.bus.publish(Topic.voiceSignals(sessionId), { type: 'END' } satisfies VoiceSignalPayload);
    await this.events.server(serverId, { type: 'VoiceStateUpdated', channelId, userId, sessionId, state: null, movedToSessionId });
  }
}
