-- Sliding window: one sorted-set member per admitted request, score = arrival time in unix
-- seconds with a microsecond fraction (the Go backend writes whole seconds; both read alike).
-- KEYS[1] the rate-limit key
-- ARGV[1] limit, ARGV[2] window in ms, ARGV[3] suffix unique to this request,
-- ARGV[4] '1' to count the request, '0' to only look (nothing is written then)
-- Returns {allowed 0/1, limit, remaining, retry-after ms (-1 when allowed), reset-after ms, server time ms}
--
-- Numbers go to redis.call as numbers: Redis prints them with 17 digits, exact, and faster
-- than string.format here (a number concatenated in Lua would keep only 14 digits).
if redis.replicate_commands then
  redis.replicate_commands() -- Redis 6.2: lets TIME precede writes; a no-op on 7+
end
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window_us = tonumber(ARGV[2]) * 1000
local consume = ARGV[4] == '1'
local t = redis.call('TIME')
local now_us = tonumber(t[1]) * 1000000 + tonumber(t[2])
-- distinct microseconds stay distinct scores: a double resolves 0.3 us at today's epoch seconds
local cutoff = (now_us - window_us) / 1000000

local function ms_until_gone(score)
  return math.max(0, math.ceil((tonumber(score) * 1000000 + window_us - now_us) / 1000))
end

local count
if consume then
  redis.call('ZREMRANGEBYSCORE', key, '-inf', cutoff)
  count = redis.call('ZCARD', key)
else
  count = redis.call('ZCOUNT', key, string.format('(%.17g', cutoff), '+inf')
end

if count < limit then
  if not consume then
    local reset = 0
    if count > 0 then
      reset = ms_until_gone(redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2])
    end
    return {1, limit, limit - count, -1, reset, math.floor(now_us / 1000)}
  end
  redis.call('ZADD', key, now_us / 1000000, t[1] .. '.' .. string.sub('00000' .. t[2], -6) .. '-' .. ARGV[3])
  -- the key disappears exactly when this newest member leaves the window
  redis.call('PEXPIRE', key, ARGV[2])
  return {1, limit, limit - count - 1, -1, tonumber(ARGV[2]), math.floor(now_us / 1000)}
end

-- denied: admitted again once enough of the oldest members have left the window
local oldest = redis.call('ZRANGEBYSCORE', key, string.format('(%.17g', cutoff), '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
local reset = ms_until_gone(redis.call('ZRANGE', key, -1, -1, 'WITHSCORES')[2])
if consume then
  redis.call('PEXPIRE', key, math.max(1, reset)) -- also gives one to a key found without expiry
end
return {0, limit, 0, ms_until_gone(oldest[2]), reset, math.floor(now_us / 1000)}
