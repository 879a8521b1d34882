import { PRELUDE } from './prelude.lua.js';

/**
 * Registers or updates expected devices. ARGV: prefix, org, now, buckets, then groups of (deviceId, siteId,
 * thresholdMs, intervalMs). A new device is never-seen and has no deadline until its first heartbeat.
 * Returns how many devices were new.
 */
export const REGISTER_LUA = `${PRELUDE}
local sidx = K .. ':sidx'
redis.call('SADD', P .. ':orgs', ORG)
local added = 0
for i = 5, #ARGV, 4 do
  local dev, site, thr, ivl = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  local idx = redis.call('HGET', sidx, site)
  if not idx then
    idx = tostring(redis.call('HINCRBY', sidx, '#', 1))
    redis.call('HSET', sidx, site, idx)
    redis.call('HSET', siteKey(idx), 'id', site, 'n', 0, 'u', 0, 'since', NOW)
  end
  local s = load(dev)
  if s then
    if s.site ~= idx then
      redis.call('HINCRBY', siteKey(s.site), 'n', -1)
      redis.call('SREM', K .. ':ss:' .. s.site, dev)
      redis.call('ZREM', K .. ':so:' .. s.site, dev)
      redis.call('HINCRBY', siteKey(idx), 'n', 1)
      s.site = idx
    end
    s.thr = thr; s.ivl = ivl
    save(dev, s)
  else
    save(dev, { st = 'n', pub = '-', site = idx, thr = thr, ivl = ivl, since = NOW, seen = 0, flaps = 0, fstart = 0,
      flapping = '0', off = 0, fault = '-' })
    redis.call('HINCRBY', siteKey(idx), 'n', 1)
    added = added + 1
  end
end
return added
`;

/** Forgets a decommissioned device entirely: no state, no deadline, no site membership. ARGV: ..., deviceId. */
export const FORGET_LUA = `${PRELUDE}
local dev = ARGV[5]
local s = load(dev)
if not s then return 0 end
redis.call('HDEL', bucket(dev), dev)
unschedule(dev)
redis.call('HINCRBY', siteKey(s.site), 'n', -1)
redis.call('SREM', K .. ':ss:' .. s.site, dev)
redis.call('ZREM', K .. ':so:' .. s.site, dev)
return 1
`;

/**
 * Marks input as flowing. When the previous mark is older than the tolerance, our input had a gap (all replicas
 * stopped, NATS down, or the marks lost with an emptied Redis): the resume time starts a full threshold of grace.
 * ARGV: prefix, now, gapToleranceMs. Returns { gap 0|1, sealed 0|1 }: sealed is 0 when the state's epoch marker is
 * missing (Redis lost the state; see restore.lua.ts).
 */
export const TICK_LUA = `
local P = ARGV[1]
local NOW = tonumber(ARGV[2])
local live = tonumber(redis.call('GET', P .. ':live') or '0')
local gap = 0
if NOW - live > tonumber(ARGV[3]) then redis.call('SET', P .. ':resume', NOW); gap = 1 end
redis.call('SET', P .. ':live', NOW)
return { gap, redis.call('EXISTS', P .. ':epoch') }
`;
