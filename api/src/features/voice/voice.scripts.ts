/**
 * Voice state in Redis, changed only by these scripts so every API instance sees one truth. The key
 * shapes (ch:, srv:, user:, session: under the voice prefix) are those of kernel/redis/keys.ts; the
 * scripts derive them from the prefix because a join touches keys it only learns inside Redis (the
 * user's previous session). Single Redis, not Cluster.
 */

/**
 * join(KEYS: -; ARGV: prefix, sessionId, channelId, serverId, userId, stateJSON, limit)
 * Returns {1, oldSessionId, oldChannelId} or {0} when the channel is full. Moves the user's previous
 * session in the same server out first; a session at the limit cannot be squeezed in by racing.
 */
export const JOIN_SCRIPT = `
local p, sid, ch, srv, uid, state, limit = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
local old = redis.call('HGET', p .. 'user:' .. uid, srv)
local oldCh = old and redis.call('HGET', p .. 'srv:' .. srv, old) or false
local count = redis.call('HLEN', p .. 'ch:' .. ch)
if oldCh == ch then count = count - 1 end
if limit > 0 and count >= limit then return {0} end
if old then
  if oldCh then redis.call('HDEL', p .. 'ch:' .. oldCh, old) end
  redis.call('HDEL', p .. 'srv:' .. srv, old)
  redis.call('DEL', p .. 'session:' .. old)
end
redis.call('HSET', p .. 'ch:' .. ch, sid, state)
redis.call('HSET', p .. 'srv:' .. srv, sid, ch)
redis.call('HSET', p .. 'user:' .. uid, srv, sid)
redis.call('SET', p .. 'session:' .. sid, ch .. '|' .. srv .. '|' .. uid)
return {1, old or '', oldCh or ''}
`;

/** leave(ARGV: prefix, sessionId) -> the removed state JSON, or false. */
export const LEAVE_SCRIPT = `
local p, sid = ARGV[1], ARGV[2]
local ref = redis.call('GET', p .. 'session:' .. sid)
if not ref then return false end
local ch, srv, uid = string.match(ref, '([^|]+)|([^|]+)|([^|]+)')
local state = redis.call('HGET', p .. 'ch:' .. ch, sid)
redis.call('HDEL', p .. 'ch:' .. ch, sid)
redis.call('HDEL', p .. 'srv:' .. srv, sid)
if redis.call('HGET', p .. 'user:' .. uid, srv) == sid then redis.call('HDEL', p .. 'user:' .. uid, srv) end
redis.call('DEL', p .. 'session:' .. sid)
return state
`;

/**
 * patch(ARGV: prefix, sessionId, patchJSON) -> the new state JSON, or false if the session ended.
 * Merged field by field inside Redis, so a user's self-mute and a moderator's server-mute never undo each other.
 */
export const PATCH_SCRIPT = `
local p, sid = ARGV[1], ARGV[2]
local ref = redis.call('GET', p .. 'session:' .. sid)
if not ref then return false end
local ch = string.match(ref, '([^|]+)|')
local current = redis.call('HGET', p .. 'ch:' .. ch, sid)
if not current then return false end
local state = cjson.decode(current)
for k, v in pairs(cjson.decode(ARGV[3])) do state[k] = v end
local encoded = cjson.encode(state)
redis.call('HSET', p .. 'ch:' .. ch, sid, encoded)
return encoded
`;
