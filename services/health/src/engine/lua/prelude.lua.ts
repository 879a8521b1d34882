/**
 * Lua shared by every health script. Redis runs each script atomically, so whatever a script decides (a claim, a
 * transition) happens exactly once however many replicas call it.
 *
 * Per device one field in a bucketed hash (small hashes stay listpack-encoded: ~80 bytes a device) holds
 * `state,published,siteIdx,thresholdMs,intervalMs,sinceMs,lastSeenMs,flaps,flapWindowStartMs,flapping,
 * offlineSinceMs,faults`, and one member in the
 * organisation's deadline sorted set holds the time of the device's next timed step (late, offline, confirm...).
 *
 * States: o online, l late, d degraded, u unknown, n never-seen, x offline, r recovering (back, not yet confirmed),
 * p pending-offline (held briefly for the site roll-up), s unreachable with its site, L unknown because the state
 * was lost and rebuilt from the directory (behaves as u).
 * Published (what consumers were last told): o online, d degraded, x offline, - nothing yet.
 */
export const PRELUDE = `
local P = ARGV[1]
local ORG = ARGV[2]
local NOW = tonumber(ARGV[3])
local BUCKETS = tonumber(ARGV[4])
local K = P .. ':' .. ORG
local DL = K .. ':dl'
local function bucket(dev)
  local h = 0
  for i = 1, #dev do h = (h * 31 + string.byte(dev, i)) % 16777213 end
  return K .. ':st:' .. (h % BUCKETS)
end
local function dec(v)
  local t = {}
  for p in string.gmatch(v, '[^,]+') do t[#t + 1] = p end
  return { st = t[1], pub = t[2], site = t[3], thr = tonumber(t[4]), ivl = tonumber(t[5]), since = tonumber(t[6]),
    seen = tonumber(t[7]), flaps = tonumber(t[8]), fstart = tonumber(t[9]), flapping = t[10], off = tonumber(t[11]),
    fault = t[12] }
end
local function enc(s)
  return s.st .. ',' .. s.pub .. ',' .. s.site .. ',' .. s.thr .. ',' .. s.ivl .. ',' .. s.since .. ',' .. s.seen ..
    ',' .. s.flaps .. ',' .. s.fstart .. ',' .. s.flapping .. ',' .. s.off .. ',' .. s.fault
end
local function load(dev)
  local v = redis.call('HGET', bucket(dev), dev)
  if not v then return nil end
  return dec(v)
end
-- late: one missed interval (with half an interval of slack), never after the threshold
local function lateOf(s) return math.min(math.floor(s.ivl * 1.5), s.thr) end
local function save(dev, s) redis.call('HSET', bucket(dev), dev, enc(s)) end
local function siteKey(idx) return K .. ':site:' .. idx end
local siteIds = {}
local function siteId(idx)
  if not siteIds[idx] then siteIds[idx] = redis.call('HGET', siteKey(idx), 'id') or '' end
  return siteIds[idx]
end
local function emit(kind, dev, s, at, extra)
  redis.call('XADD', P .. ':out', '*', 't', kind, 'o', ORG, 'd', dev, 's', siteId(s.site), 'at', at, 'x', extra or '')
end
local function schedule(dev, at)
  redis.call('ZADD', DL, at, dev)
  redis.call('ZADD', P .. ':next', 'LT', at, ORG)
end
local function unschedule(dev) redis.call('ZREM', DL, dev) end
`;
