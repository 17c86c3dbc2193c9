/**
 * Presence lives in Redis. Per user: a hash of device -> expiry (ms) and a status key that exists
 * only while the user is online and shown. Both scripts are atomic, so two API instances and two
 * workers never disagree about a transition.
 */

/**
 * Field of the devices hash marking an offline transition whose side effects (announcement, voice)
 * are not confirmed done: a retried or later expiry redoes them, and any beat cancels it.
 */
export const OFFLINE_PENDING = '!offline';

/** What the beat script answers, instead of statusChanged, when Redis has no chosen status (data lost). */
export const CHOSEN_MISSING = -1;

/**
 * beat(KEYS: devices, status, chosen; ARGV: device, expiresAtMs, keyTtlMs)
 * Records a device's expiry; returns {statusChanged, latestExpiryMs}, or {CHOSEN_MISSING, 0} and
 * changes nothing when the chosen status is not in Redis: guessing ONLINE would reveal an invisible user.
 */
export const BEAT_SCRIPT = `
local chosen = redis.call('GET', KEYS[3])
if not chosen then return {${CHOSEN_MISSING}, 0} end
redis.call('HDEL', KEYS[1], '${OFFLINE_PENDING}')
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local changed = 0
if chosen ~= 'OFFLINE' then
  if redis.call('GET', KEYS[2]) ~= chosen then changed = 1 end
  redis.call('SET', KEYS[2], chosen, 'PX', ARGV[3])
end
local latest = 0
local entries = redis.call('HGETALL', KEYS[1])
for i = 2, #entries, 2 do
  local v = tonumber(entries[i])
  if v > latest then latest = v end
end
return {changed, latest}
`;

/**
 * expire(KEYS: devices, status; ARGV: nowMs, pendingTtlMs)
 * Drops expired devices; when none is left, clears the status and marks the transition pending.
 * Returns {lastDeviceGone (1 when this call removed the last device, or an earlier call did and its
 * side effects are still pending), statusCleared, latestExpiryMs (0 when none left)}.
 */
export const EXPIRE_SCRIPT = `
local now = tonumber(ARGV[1])
local latest, removed = 0, 0
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  if entries[i] ~= '${OFFLINE_PENDING}' then
    local v = tonumber(entries[i + 1])
    if v <= now then
      redis.call('HDEL', KEYS[1], entries[i])
      removed = 1
    elseif v > latest then latest = v end
  end
end
if latest > 0 then return {0, 0, latest} end
if removed == 1 then
  local cleared = redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[1], '${OFFLINE_PENDING}', cleared)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, cleared, 0}
end
local pending = redis.call('HGET', KEYS[1], '${OFFLINE_PENDING}')
if pending then return {1, tonumber(pending), 0} end
return {0, redis.call('DEL', KEYS[2]), 0}
`;

/**
 * choose(KEYS: devices, status, chosen, unannounced; ARGV: status, keyTtlMs)
 * Stores the chosen status and applies it if any device is live. Returns 1 while what others see
 * has changed and the caller has not yet announced it (deleting `unannounced` once it has): a
 * retry after a crash between this call and the announcement answers 1 again.
 */
export const CHOOSE_SCRIPT = `
redis.call('SET', KEYS[3], ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], '${OFFLINE_PENDING}') == 1 then return 0 end
local before = redis.call('GET', KEYS[2]) or 'OFFLINE'
if ARGV[1] == 'OFFLINE' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) end
if before ~= ARGV[1] then redis.call('SET', KEYS[4], '1', 'PX', ARGV[2]) end
return redis.call('EXISTS', KEYS[4])
`;
