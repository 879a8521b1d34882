import { PRELUDE } from './prelude.lua.js';

/**
 * Claims and applies the due deadlines of one organisation. Being one atomic script, a due step is taken by exactly
 * one replica. ARGV: prefix, org, now, buckets, limit, holdMs, siteShare, siteMinDevices, siteWindowMs,
 * gapToleranceMs, stayUpMs. Returns { claimed, nextDeadline | -1 }; claimed is -1 when input is not flowing.
 */
export const CLAIM_LUA = `${PRELUDE}
local LIMIT = tonumber(ARGV[5])
local HOLD = tonumber(ARGV[6])
local SHARE = tonumber(ARGV[7])
local SITEMIN = tonumber(ARGV[8])
local WINDOW = tonumber(ARGV[9])
local GAPTOL = tonumber(ARGV[10])
local STAY = tonumber(ARGV[11])
local live = tonumber(redis.call('GET', P .. ':live') or '0')
if NOW - live > GAPTOL then return { -1, -1 } end
local resume = tonumber(redis.call('GET', P .. ':resume') or '0')
local function withSite(dev, s)
  s.st = 's'; s.since = NOW; save(dev, s); unschedule(dev)
  redis.call('SADD', K .. ':ss:' .. s.site, dev)
end
local function toOffline(dev, s)
  -- a device restored after a state loss may have been reported offline already: not twice
  if s.pub ~= 'x' then emit('device.offline', dev, s, NOW, s.seen .. '|' .. s.thr) end
  s.st = 'x'; s.since = NOW; s.pub = 'x'
  save(dev, s); unschedule(dev)
end
local function rollUp(dev, s, sk, so, n)
  redis.call('HSET', sk, 'u', '1', 'since', NOW)
  local ids, since = {}, s.seen
  for _, m in ipairs(redis.call('ZRANGE', so, 0, -1)) do
    local ms = s
    if m ~= dev then ms = load(m) end
    if ms and (m == dev or ms.st == 'p') then
      withSite(m, ms)
      ids[#ids + 1] = m
      if ms.seen > 0 and ms.seen < since then since = ms.seen end
    end
  end
  redis.call('DEL', so)
  redis.call('HSET', sk, 'since', since)
  emit('site.unreachable', '', s, NOW, n .. '|' .. since .. '|' .. table.concat(ids, ' '))
end
local function offlineStep(dev, s)
  local sk = siteKey(s.site)
  if redis.call('HGET', sk, 'u') == '1' then return withSite(dev, s) end
  if HOLD <= 0 or siteId(s.site) == '-' then return toOffline(dev, s) end
  local so = K .. ':so:' .. s.site
  redis.call('ZREMRANGEBYSCORE', so, '-inf', NOW - WINDOW)
  redis.call('ZADD', so, NOW, dev)
  local n = tonumber(redis.call('HGET', sk, 'n') or '0')
  if n >= SITEMIN and redis.call('ZCARD', so) >= SHARE * n then return rollUp(dev, s, sk, so, n) end
  s.st = 'p'; s.since = NOW; save(dev, s); schedule(dev, NOW + HOLD)
end
local due = redis.call('ZRANGEBYSCORE', DL, '-inf', NOW, 'WITHSCORES', 'LIMIT', 0, LIMIT)
local claimed = 0
for i = 1, #due, 2 do
  local dev = due[i]
  local score = tonumber(due[i + 1])
  local s = load(dev)
  claimed = claimed + 1
  if not s then
    unschedule(dev)
  else
    local st = s.st
    if st == 'o' or st == 'd' then s.seen = score - lateOf(s) end
    if (st == 'o' or st == 'd' or st == 'l' or st == 'u' or st == 'L') and NOW < resume + s.thr then
      -- a gap in our own input: nobody can tell, so unknown until a full threshold of flowing input has passed
      if st ~= 'u' and st ~= 'L' then s.st = 'u'; s.since = NOW end
      save(dev, s); schedule(dev, resume + s.thr)
    elseif st == 'o' or st == 'd' then
      s.st = 'l'; s.since = NOW; save(dev, s); schedule(dev, s.seen + s.thr)
    elseif st == 'l' or st == 'u' or st == 'L' then
      offlineStep(dev, s)
    elseif st == 'p' then
      toOffline(dev, s)
    elseif st == 'r' then
      if NOW >= s.seen + s.thr then
        s.st = 'x'; s.since = s.off; save(dev, s); unschedule(dev)
      elseif NOW >= s.since + STAY and NOW < s.seen + lateOf(s) then
        s.st = 'o'
        if s.fault ~= '-' then s.st = 'd' end
        s.since = NOW; s.pub = 'o'
        emit('device.online', dev, s, NOW, s.off .. '|' .. s.seen)
        s.off = 0; save(dev, s); schedule(dev, s.seen + lateOf(s))
      elseif NOW < s.since + STAY then
        schedule(dev, s.since + STAY)
      else
        schedule(dev, s.seen + s.thr)
      end
    else
      unschedule(dev)
    end
  end
end
local first = redis.call('ZRANGE', DL, 0, 0, 'WITHSCORES')
if first[2] then
  redis.call('ZADD', P .. ':next', first[2], ORG)
  return { claimed, tonumber(first[2]) }
end
redis.call('ZREM', P .. ':next', ORG)
return { claimed, -1 }
`;
