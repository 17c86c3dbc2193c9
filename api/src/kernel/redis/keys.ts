/** Every Redis key shape in one place, under the configured prefix (REDIS_KEY_PREFIX). */
export function redisKeys(prefix: string) {
  const voice = `${prefix}voice:`;
  return {
    authAttemptsByIp: (ip: string) => `${prefix}rl:auth:ip:${ip}`,
    authAttemptsByUsername: (username: string) => `${prefix}rl:auth:user:${username}`,
    messagesPerChannel: (channelId: string, userId: string) => `${prefix}rl:msg:ch:${channelId}:${userId}`,
    messagesPerServer: (serverId: string, userId: string) => `${prefix}rl:msg:srv:${serverId}:${userId}`,
    slowmode: (channelId: string, userId: string) => `${prefix}rl:slow:${channelId}:${userId}`,
    /** Sorted set of refusal job ids by time, for the escalation policy. */
    refusals: (serverId: string, userId: string) => `${prefix}esc:refusals:${serverId}:${userId}`,
    /** Set when a refusal job crossed the threshold, so its retry applies the same timeout. */
    escalationDecided: (jobId: string) => `${prefix}esc:decided:${jobId}`,
    typing: (channelId: string, userId: string) => `${prefix}typing:${channelId}:${userId}`,
    /** Hash: device -> expiry (ms). Online while any device has not expired. */
    presenceDevices: (userId: string) => `${prefix}presence:devices:${userId}`,
    /** What others see while online; absent when offline or invisible. */
    presenceStatus: (userId: string) => `${prefix}presence:status:${userId}`,
    /** What the user chose (mirrors users.chosen_status). */
    presenceChosen: (userId: string) => `${prefix}presence:chosen:${userId}`,
    /** Voice: the Lua scripts (features/voice/voice.scripts.ts) build the same shapes from this prefix. */
    voicePrefix: () => voice,
    /** Hash: session -> state JSON (who is in a channel; its length enforces userLimit). */
    voiceChannel: (channelId: string) => `${voice}ch:${channelId}`,
    /** Hash: session -> channel (a server's sessions, for revalidation). */
    voiceServer: (serverId: string) => `${voice}srv:${serverId}`,
    /** Hash: server -> session (one session per user and server). */
    voiceUser: (userId: string) => `${voice}user:${userId}`,
    /** "channel|server|user" of a session, for signalling lookups. */
    voiceSession: (sessionId: string) => `${voice}session:${sessionId}`,
    /** Hash: user -> {serverMute, serverDeaf} a moderator imposed; outlives the session. */
    voiceImposed: (serverId: string) => `${voice}imposed:${serverId}`,
    /** Pub/sub channel names (not keys, but prefixed the same way). */
    eventChannel: (topic: string) => `${prefix}ev:${topic}`,
  } as const;
}

export type RedisKeys = ReturnType<typeof redisKeys>;
