/** Every Redis key shape in one place, under the configured prefix (REDIS_KEY_PREFIX). */
export function redisKeys(prefix: string) {
  return {
    snowflakeWorkerCounter: () => `${prefix}snowflake:worker`,
    authAttemptsByIp: (ip: string) => `${prefix}rl:auth:ip:${ip}`,
    authAttemptsByUsername: (username: string) => `${prefix}rl:auth:user:${username}`,
    messagesPerChannel: (channelId: string, userId: string) => `${prefix}rl:msg:ch:${channelId}:${userId}`,
    messagesPerServer: (serverId: string, userId: string) => `${prefix}rl:msg:srv:${serverId}:${userId}`,
    slowmode: (channelId: string, userId: string) => `${prefix}rl:slow:${channelId}:${userId}`,
    typing: (channelId: string, userId: string) => `${prefix}typing:${channelId}:${userId}`,
    /** Hash: connection or device id -> last beat (ms). Online while any field is fresh. */
    presenceBeats: (userId: string) => `${prefix}presence:beats:${userId}`,
    presenceStatus: (userId: string) => `${prefix}presence:status:${userId}`,
    /** Hash: sessionId -> JSON voice state, per channel. */
    voiceChannel: (channelId: string) => `${prefix}voice:ch:${channelId}`,
    voiceSession: (sessionId: string) => `${prefix}voice:session:${sessionId}`,
    /** Hash: serverId -> sessionId; a user holds one voice session per server. */
    voiceUser: (userId: string) => `${prefix}voice:user:${userId}`,
    /** Pub/sub channel names (not keys, but prefixed the same way). */
    eventChannel: (topic: string) => `${prefix}ev:${topic}`,
  } as const;
}

export type RedisKeys = ReturnType<typeof redisKeys>;
