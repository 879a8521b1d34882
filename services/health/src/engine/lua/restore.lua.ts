import { PRELUDE } from './prelude.lua.js';

/**
 * Puts back devices lost with the Redis state (a rebuild from the directory). ARGV: prefix, org, now, buckets,
 * baseMs, then groups of (deviceId, siteId, thresholdMs, intervalMs, offlineSinceMs|0). A device already present is
 * left alone (idempotent; a heartbeat or registration since the loss knows better). A restored device is `L` (unknown:
 * state lost) with a deadline one full threshold after `base` (when input was known to flow again, see the gap rules
 * in the claim script); one with an offline interval still open is remembered as published offline, so its return
 * publishes device.online. Returns how many devices were restored.
 */
export const RESTORE_LUA = `${PRELUDE}
local BASE = tonumber(ARGV[5])
local resume = tonumber(redis.call('GET', P .. ':resume') or '0')
if resume > BASE then BASE = resume end
local sidx = K .. ':sidx'
redis.call('SADD', P .. ':orgs', ORG)
local added = 0
for i = 6, #ARGV, 5 do
  local dev, site, thr, ivl, off = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3]), tonumber(ARGV[i + 4])
  if not redis.call('HGET', bucket(dev), dev) then
    local idx = redis.call('HGET', sidx, site)
    if not idx then
      idx = tostring(redis.call('HINCRBY', sidx, '#', 1))
      redis.call('HSET', sidx, site, idx)
      redis.call('HSET', siteKey(idx), 'id', site, 'n', 0, 'u', 0, 'since', NOW)
    end
    local pub = '-'
    if off > 0 then pub = 'x' end
    save(dev, { st = 'L', pub = pub, site = idx, thr = thr, ivl = ivl, since = NOW, seen = 0, flaps = 0, fstart = 0,
      flapping = '0', off = off, fault = '-' })
    redis.call('HINCRBY', siteKey(idx), 'n', 1)
    schedule(dev, BASE + thr)
    added = added + 1
  end
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
