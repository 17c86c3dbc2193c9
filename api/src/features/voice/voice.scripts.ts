/**
 * Voice state in Redis, changed only by these scripts so every API instance sees one truth. One
 * server's keys share a hash tag (kernel/redis/keys.ts), so each call stays on one Redis Cluster slot.
 * KEYS are the server's sessions hash (session -> channel) and users hash (user -> session); channel
 * hashes (session -> state JSON) are built from ARGV[1], the server's key prefix, because a join
 * touches a channel it only learns inside Redis (the user's previous session's).
 */

/**
 * join(KEYS: sessions, users, channel; ARGV: serverPrefix, sessionId, channelId, userId, stateJSON, limit)
 * Returns {1, oldSessionId, oldChannelId} or {0} when the channel is full. Moves the user's previous
 * session in the same server out first; a session at the limit cannot be squeezed in by racing.
 */
export const JOIN_SCRIPT = `
local p, sid, ch, uid, state, limit = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local old = redis.call('HGET', KEYS[2], uid)
local oldCh = old and redis.call('HGET', KEYS[1], old) or false
local count = redis.call('HLEN', KEYS[3])
if oldCh == ch then count = count - 1 end
if limit > 0 and count >= limit then return {0} end
if old then
  if oldCh then redis.call('HDEL', p .. 'ch:' .. oldCh, old) end
  redis.call('HDEL', KEYS[1], old)
end
redis.call('HSET', KEYS[3], sid, state)
redis.call('HSET', KEYS[1], sid, ch)
redis.call('HSET', KEYS[2], uid, sid)
return {1, old or '', oldCh or ''}
`;

/** leave(KEYS: sessions, users; ARGV: serverPrefix, sessionId) -> the removed state JSON, or false. */
export const LEAVE_SCRIPT = `
local p, sid = ARGV[1], ARGV[2]
local ch = redis.call('HGET', KEYS[1], sid)
if not ch then return false end
local state = redis.call('HGET', p .. 'ch:' .. ch, sid)
redis.call('HDEL', p .. 'ch:' .. ch, sid)
redis.call('HDEL', KEYS[1], sid)
if not state then return false end
local uid = cjson.decode(state).userId
if redis.call('HGET', KEYS[2], uid) == sid then redis.call('HDEL', KEYS[2], uid) end
return state
`;

/**
 * patch(KEYS: sessions; ARGV: serverPrefix, sessionId, patchJSON) -> the new state JSON, or false if
 * the session ended. Merged field by field inside Redis, so a user's self-mute and a moderator's
 * server-mute never undo each other.
 */
export const PATCH_SCRIPT = `
local p, sid = ARGV[1], ARGV[2]
local ch = redis.call('HGET', KEYS[1], sid)
if not ch then return false end
local current = redis.call('HGET', p .. 'ch:' .. ch, sid)
if not current then return false end
local state = cjson.decode(current)
for k, v in pairs(cjson.decode(ARGV[3])) do state[k] = v end
local encoded = cjson.encode(state)
redis.call('HSET', p .. 'ch:' .. ch, sid, encoded)
return encoded
`;
