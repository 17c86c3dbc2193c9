/**
 * Every Redis key shape in one place, under the configured prefix (REDIS_KEY_PREFIX).
 *
 * Keys one Lua call touches together share a hash tag (`{...}`), so on a Redis Cluster each call
 * stays on one slot: per user for presence, message rate limits and escalation; per server for
 * voice; one tag for the login limits (an IP and a username are checked together). On one Redis
 * the braces are just characters.
 */
export function redisKeys(prefix: string) {
  const tag = (id: string) => `{${id}}`;
  /** A server's voice state: the Lua scripts (features/voice/voice.scripts.ts) add ch:, sessions, users. */
  const voiceOf = (serverId: string) => `${prefix}voice:${tag(serverId)}:`;
  return {
    authAttemptsByIp: (ip: string) => `${prefix}rl:${tag('auth')}:ip:${ip}`,
    authAttemptsByUsername: (username: string) => `${prefix}rl:${tag('auth')}:user:${username}`,
    messagesPerChannel: (channelId: string, userId: string) => `${prefix}rl:msg:${tag(userId)}:ch:${channelId}`,
    messagesPerServer: (serverId: string, userId: string) => `${prefix}rl:msg:${tag(userId)}:srv:${serverId}`,
    reactionChanges: (channelId: string, userId: string) => `${prefix}rl:react:${tag(userId)}:ch:${channelId}`,
    searches: (serverId: string, userId: string) => `${prefix}rl:search:${tag(userId)}:srv:${serverId}`,
    slowmode: (channelId: string, userId: string) => `${prefix}rl:slow:${tag(userId)}:${channelId}`,
    /** Sorted set of refusal job ids by time, for the escalation policy. */
    refusals: (serverId: string, userId: string) => `${prefix}esc:${tag(userId)}:refusals:${serverId}`,
    /** Set when a refusal job crossed the threshold, so its retry applies the same timeout. */
    escalationDecided: (userId: string, jobId: string) => `${prefix}esc:${tag(userId)}:decided:${jobId}`,
    typing: (channelId: string, userId: string) => `${prefix}typing:${channelId}:${userId}`,
    /** Hash: device -> expiry (ms). Online while any device has not expired. */
    presenceDevices: (userId: string) => `${prefix}presence:${tag(userId)}:devices`,
    /** What others see while online; absent when offline or invisible. */
    presenceStatus: (userId: string) => `${prefix}presence:${tag(userId)}:status`,
    /** What the user chose (mirrors users.chosen_status). */
    presenceChosen: (userId: string) => `${prefix}presence:${tag(userId)}:chosen`,
    /** Set while a change of what others see, made by a chosen status, is not yet announced. */
    presenceUnannounced: (userId: string) => `${prefix}presence:${tag(userId)}:unannounced`,
    /** Voice: the prefix of one server's keys, handed to the Lua scripts. */
    voiceServerPrefix: voiceOf,
    /** Hash: session -> state JSON (who is in a channel; its length enforces userLimit). */
    voiceChannel: (serverId: string, channelId: string) => `${voiceOf(serverId)}ch:${channelId}`,
    /** Hash: session -> channel (a server's sessions). */
    voiceSessions: (serverId: string) => `${voiceOf(serverId)}sessions`,
    /** Hash: user -> session (one session per user and server). */
    voiceUsers: (serverId: string) => `${voiceOf(serverId)}users`,
    /** Hash: user -> {serverMute, serverDeaf} a moderator imposed; outlives the session. */
    voiceImposed: (serverId: string) => `${voiceOf(serverId)}imposed`,
    /** The server of a session, for lookups by session id alone; the server's keys stay the truth. */
    voiceSessionServer: (sessionId: string) => `${prefix}voice:session:${sessionId}`,
    /** Set: servers where a user holds a voice session (gone with the last), to end all of a user's sessions. */
    voiceUserServers: (userId: string) => `${prefix}voice:user:${userId}`,
    /** Pub/sub channel names (not keys, but prefixed the same way). */
    eventChannel: (topic: string) => `${prefix}ev:${topic}`,
    /**
     * BullMQ's prefix. On a cluster it is one hash tag, so each queue's keys (and BullMQ's multi-key
     * scripts) share a slot; one Redis keeps its plain name, so jobs queued before an upgrade stay.
     */
    bullPrefix: (cluster: boolean) => (cluster ? tag(`${prefix}bull`) : `${prefix}bull`),
  } as const;
}

export type RedisKeys = ReturnType<typeof redisKeys>;
