-- Sliding window: one sorted-set member per admitted request, score = arrival time in unix
-- seconds with a microsecond fraction (the Go backend writes whole seconds; both read alike).
-- KEYS[1] the rate-limit key
-- ARGV[1] limit, ARGV[2] window in ms, ARGV[3] suffix unique to this request,
-- ARGV[4] '1' to count the request, '0' to only look (nothing is written then)
-- Returns {allowed 0/1, limit, remaining, retry-after ms (-1 when allowed), reset-after ms, server time ms}
--
-- Scores go to redis.call as decimal strings made from TIME's own digits: Redis would print a
-- Lua number with %.17g, which costs more than the rest of the script's own work, and the
-- decimal parses to the very double that number was.
if redis.replicate_commands then
  redis.replicate_commands() -- Redis 6.2: lets TIME precede writes; a no-op on 7+
end
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window_us = tonumber(ARGV[2]) * 1000
local t = redis.call('TIME')
local now_us = t[1] * 1000000 + t[2]
local now_ms = math.floor(now_us / 1000)
-- the window's start: members scored at or before it have left the window
local cutoff_us = now_us - window_us
local cutoff = string.format('%d.%06d', math.floor(cutoff_us / 1000000), cutoff_us % 1000000)

local count
if ARGV[4] == '1' then
  redis.call('ZREMRANGEBYSCORE', key, '-inf', cutoff)
  count = redis.call('ZCARD', key)
  if count < limit then
    local score = t[1] .. '.' .. string.sub('00000' .. t[2], -6)
    redis.call('ZADD', key, score, score .. '-' .. ARGV[3])
    -- the key disappears exactly when this newest member leaves the window
    redis.call('PEXPIRE', key, ARGV[2])
    return {1, limit, limit - count - 1, -1, window_us / 1000, now_ms}
  end
else
  count = redis.call('ZCOUNT', key, '(' .. cutoff, '+inf')
end

-- ms until the member scored `score` leaves the window
local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2]
local reset = 0
if newest then
  reset = math.max(0, math.ceil((tonumber(newest) * 1000000 + window_us - now_us) / 1000))
end
if count < limit then -- only looking
  return {1, limit, limit - count, -1, reset, now_ms}
end

-- denied: admitted again once enough of the oldest members have left the window
local oldest = redis.call('ZRANGEBYSCORE', key, '(' .. cutoff, '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)[2]
local retry = math.max(0, math.ceil((tonumber(oldest) * 1000000 + window_us - now_us) / 1000))
if ARGV[4] == '1' then
  redis.call('PEXPIRE', key, math.max(1, reset)) -- also gives one to a key found without expiry
end
return {0, limit, 0, retry, reset, now_ms}
