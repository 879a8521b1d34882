import { PRELUDE } from './prelude.lua.js';

/**
 * Puts back devices lost with the Redis state (a rebuild from the directory). ARGV: prefix, org, now, buckets,
 * baseMs, then groups of (deviceId, siteId, thresholdMs, intervalMs, offlineSinceMs|0, bucket) with the bucket
 * computed by the caller (bucketOf), sorted by bucket. A device already present is left alone (idempotent; a
 * heartbeat or registration since the loss knows better). A restored device is `L` (unknown: state lost) with a
 * deadline one full threshold after `base` or the input's resume time, whichever is later (see the gap rules in the
 * claim script); one with an offline interval still open is remembered as published offline, so its return
 * publishes device.online and its silence no second device.offline. Returns how many devices were restored.
 * At most ~2,500 devices per call (Lua's unpack limit on the deadlines' ZADD).
 */
export const RESTORE_LUA = `${PRELUDE}
local BASE = tonumber(ARGV[5])
local resume = tonumber(redis.call('GET', P .. ':resume') or '0')
if resume > BASE then BASE = resume end
local sidx = K .. ':sidx'
redis.call('SADD', P .. ':orgs', ORG)
local idxOf, joined, deadlines, first = {}, {}, {}, nil
local function siteIdx(site)
  local idx = idxOf[site] or redis.call('HGET', sidx, site)
  if not idx then
    idx = tostring(redis.call('HINCRBY', sidx, '#', 1))
    redis.call('HSET', sidx, site, idx)
    redis.call('HSET', siteKey(idx), 'id', site, 'n', 0, 'u', 0, 'since', NOW)
  end
  idxOf[site] = idx
  return idx
end
local added = 0
local function restoreRun(from, to)
  -- devices of one bucket (the caller sorts by bucket): one HMGET and one HSET for the run, not one call per device
  local key = K .. ':st:' .. ARGV[from + 5]
  local ids = {}
  for i = from, to, 6 do ids[#ids + 1] = ARGV[i] end
  local present = redis.call('HMGET', key, unpack(ids))
  local fields, j = {}, 0
  for i = from, to, 6 do
    j = j + 1
    if not present[j] then
      local dev, site, thr, off = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 4]
      local idx = siteIdx(site)
      local pub = '-'
      if off ~= '0' then pub = 'x' end
      -- packed as the prelude's enc() does
      fields[#fields + 1] = dev
      fields[#fields + 1] = 'L,' .. pub .. ',' .. idx .. ',' .. ARGV[i + 2] .. ',' .. ARGV[i + 3] .. ',' .. NOW ..
        ',0,0,0,0,' .. off .. ',-'
      joined[idx] = (joined[idx] or 0) + 1
      local at = BASE + thr
      deadlines[#deadlines + 1] = at
      deadlines[#deadlines + 1] = dev
      if not first or at < first then first = at end
      added = added + 1
    end
  end
  if #fields > 0 then redis.call('HSET', key, unpack(fields)) end
end
local from = 6
for i = 6, #ARGV, 6 do
  if ARGV[i + 11] ~= ARGV[i + 5] then
    restoreRun(from, i)
    from = i + 6
  end
end
-- one write per site and one per sorted set, not one per device
for idx, n in pairs(joined) do redis.call('HINCRBY', siteKey(idx), 'n', n) end
if first then
  redis.call('ZADD', DL, unpack(deadlines))
  redis.call('ZADD', P .. ':next', 'LT', first, ORG)
end
return added
`;

/**
 * The state's generation marker. A rebuild holds `<p>:rebuild` (token, expiring) while it runs and seals the state by
 * writing `<p>:epoch` only if its lock survived: a Redis emptied again meanwhile took the lock with it, so the epoch
 * stays missing and the next check starts over. ARGV: prefix, token, epoch. Returns 1 when sealed.
 */
export const SEAL_LUA = `
local P = ARGV[1]
if redis.call('GET', P .. ':rebuild') ~= ARGV[2] then return 0 end
redis.call('SET', P .. ':epoch', ARGV[3])
redis.call('DEL', P .. ':rebuild')
return 1
`;

/** Extends the rebuild lock if still held (ttlMs 0 lets go of it). ARGV: prefix, token, ttlMs. 1 when held. */
export const RENEW_LUA = `
local P = ARGV[1]
if redis.call('GET', P .. ':rebuild') ~= ARGV[2] then return 0 end
if tonumber(ARGV[3]) <= 0 then redis.call('DEL', P .. ':rebuild'); return 1 end
return redis.call('PEXPIRE', P .. ':rebuild', ARGV[3])
`;
