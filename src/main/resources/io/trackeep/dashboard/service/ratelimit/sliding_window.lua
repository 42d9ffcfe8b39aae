-- Sliding window: one sorted-set member per admitted request, score = arrival time in unix
-- seconds with a microsecond fraction (the Go backend writes whole seconds; both read alike).
-- KEYS[1] the rate-limit key
-- ARGV[1] limit, ARGV[2] window in ms, ARGV[3] suffix unique to this request,
-- ARGV[4] '1' to count the request, '0' to only look (nothing is written then)
-- Returns {allowed 0/1, limit, remaining, retry-after ms (-1 when allowed), reset-after ms, server time ms}
if redis.replicate_commands then
  redis.replicate_commands() -- Redis 6.2: lets TIME precede writes; a no-op on 7+
end
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window_us = tonumber(ARGV[2]) * 1000
local consume = ARGV[4] == '1'
local t = redis.call('TIME')
local now_us = tonumber(t[1]) * 1000000 + tonumber(t[2])

-- Exact decimal text: Lua would print a number with 14 digits only and lose the microseconds.
local function seconds(us)
  return string.format('%.0f.%06.0f', math.floor(us / 1000000), us % 1000000)
end
local function ms_until(score_s, now)
  return math.max(0, math.ceil((tonumber(score_s) * 1000000 + window_us - now) / 1000))
end

local cutoff = seconds(now_us - window_us)
local count
if consume then
  redis.call('ZREMRANGEBYSCORE', key, '-inf', cutoff)
  count = redis.call('ZCARD', key)
else
  count = redis.call('ZCOUNT', key, '(' .. cutoff, '+inf')
end

local allowed = 0
local retry = -1
if count < limit then
  allowed = 1
  if consume then
    local now_s = seconds(now_us)
    redis.call('ZADD', key, now_s, now_s .. '-' .. ARGV[3])
    count = count + 1
  end
else
  -- admitted again once enough of the oldest members have left the window
  local oldest = redis.call('ZRANGEBYSCORE', key, '(' .. cutoff, '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
  retry = ms_until(oldest[2], now_us)
end

local reset = 0
if count > 0 then
  local newest = redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')
  reset = ms_until(newest[2], now_us)
  if consume then
    -- the key disappears exactly when its newest member leaves the window
    redis.call('PEXPIRE', key, math.max(1, reset))
  end
end
return {allowed, limit, math.max(0, limit - count), retry, reset, math.floor(now_us / 1000)}
