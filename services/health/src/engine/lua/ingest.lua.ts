import { PRELUDE } from './prelude.lua.js';

/**
 * Applies one coalesced batch of heartbeats of one organisation.
 * ARGV: prefix, org, now, buckets, stayUpMs, flapWindowMs, flapCount, then triplets (deviceId, faults|'-', bucket)
 * with the bucket computed by the caller (bucketOf). Returns { accepted, unknownDevices }. The steady path (a device
 * keeps its state) is one HGET, a pattern match and a share of one variadic ZADD.
 */
export const INGEST_LUA = `${PRELUDE}
local STAY = tonumber(ARGV[5])
local FLAPWIN = tonumber(ARGV[6])
local FLAPMAX = tonumber(ARGV[7])
local FIRST = 8
local down = {}
local function siteDown(idx)
  if down[idx] == nil then down[idx] = redis.call('HGET', siteKey(idx), 'u') == '1' end
  return down[idx]
end
local function recoverSite(idx)
  local sk = siteKey(idx)
  local since = redis.call('HGET', sk, 'since') or NOW
  local n = redis.call('HGET', sk, 'n') or '0'
  redis.call('HSET', sk, 'u', '0', 'since', NOW)
  down[idx] = false
  local inBatch = {}
  for i = FIRST, #ARGV, 3 do inBatch[ARGV[i]] = true end
  local ssKey = K .. ':ss:' .. idx
  local still = {}
  for _, m in ipairs(redis.call('SMEMBERS', ssKey)) do
    local ms = load(m)
    if ms and ms.st == 's' then
      -- back with its site but not heard from yet: unknown for one full threshold
      ms.st = 'u'; ms.since = NOW; save(m, ms); schedule(m, NOW + ms.thr)
      if not inBatch[m] then still[#still + 1] = m end
    end
  end
  redis.call('DEL', ssKey)
  emit('site.recovered', '', { site = idx }, NOW, since .. '|' .. n .. '|' .. table.concat(still, ' '))
end
local function goLive(dev, s, fault)
  local want = 'o'
  if fault ~= '-' then want = 'd' end
  local degradedSince = NOW
  if s.st == 'd' then degradedSince = s.since end
  if s.st ~= want then s.st = want; s.since = NOW end
  s.seen = NOW
  if s.pub == 'x' then emit('device.online', dev, s, NOW, s.off .. '|' .. NOW) end
  s.pub = 'o'; s.off = 0
  if fault ~= s.fault then
    if fault ~= '-' then
      emit('device.degraded', dev, s, NOW, fault)
    else
      emit('device.restored', dev, s, NOW, s.fault .. '|' .. degradedSince)
    end
    s.fault = fault
  end
  if NOW - s.fstart > FLAPWIN then s.flaps = 0; s.flapping = '0' end
  save(dev, s)
  schedule(dev, NOW + lateOf(s))
end
local function recovering(dev, s, fault)
  s.seen = NOW
  if NOW >= s.since + STAY then return goLive(dev, s, fault) end
  save(dev, s)
  schedule(dev, math.min(s.since + STAY, NOW + lateOf(s)))
end
local known, unknown = 0, 0
local steady, minAt = {}, nil
for i = FIRST, #ARGV, 3 do
  local dev = ARGV[i]
  local fault = ARGV[i + 1]
  local v = redis.call('HGET', K .. ':st:' .. ARGV[i + 2], dev)
  -- steady: online or degraded, published up, same faults, site not down
  local site, thr, ivl, f = nil, nil, nil, nil
  if v then site, thr, ivl, f = string.match(v, '^[od],o,(%d+),(%d+),(%d+),.*,([^,]+)$') end
  if not v then
    unknown = unknown + 1
  elseif site and f == fault and not siteDown(site) then
    known = known + 1
    local at = NOW + math.min(math.floor(tonumber(ivl) * 1.5), tonumber(thr))
    steady[#steady + 1] = at
    steady[#steady + 1] = dev
    if not minAt or at < minAt then minAt = at end
  else
    known = known + 1
    local s = dec(v)
    if siteDown(s.site) then recoverSite(s.site) end
    local st = s.st
    if (st == 'o' or st == 'd') and fault == s.fault then
      schedule(dev, NOW + lateOf(s))
    elseif st == 'x' then
      if NOW - s.fstart > FLAPWIN then s.fstart = NOW; s.flaps = 0 end
      s.flaps = s.flaps + 1
      if s.flaps >= FLAPMAX then s.flapping = '1' end
      s.off = s.since; s.st = 'r'; s.since = NOW
      recovering(dev, s, fault)
    elseif st == 'r' then
      recovering(dev, s, fault)
    else
      if st == 'p' then redis.call('ZREM', K .. ':so:' .. s.site, dev) end
      if st == 's' then redis.call('SREM', K .. ':ss:' .. s.site, dev) end
      goLive(dev, s, fault)
    end
  end
end
if minAt then
  redis.call('ZADD', DL, unpack(steady))
  redis.call('ZADD', P .. ':next', 'LT', minAt, ORG)
end
return { known, unknown }
`;
