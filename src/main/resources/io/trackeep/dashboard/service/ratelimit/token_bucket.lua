-- Token bucket in a hash: tokens (decimal), last_refill (unix seconds, an integer so the Go
-- backend can parse it) and last_refill_us (unix microseconds, this project's extra precision;
-- the Go backend ignores it and, when it writes last_refill itself, makes it stale).
-- KEYS[1] the rate-limit key
-- ARGV[1] capacity, ARGV[2] refill tokens per second, ARGV[3] TTL in seconds,
-- ARGV[4] '1' to take a token, '0' to only look (nothing is written then)
-- Returns {allowed 0/1, capacity, remaining, retry-after ms (-1 when allowed), reset-after ms, server time ms}
--
-- The times written are strings made from TIME's own digits (exact, and cheaper than the
-- %.17g with which Redis prints a Lua number); tokens go as a number, printed exactly.
if redis.replicate_commands then
  redis.replicate_commands() -- Redis 6.2: lets TIME precede writes; a no-op on 7+
end
local key = KEYS[1]
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local t = redis.call('TIME')
local now_us = t[1] * 1000000 + t[2]

local state = redis.call('HMGET', key, 'tokens', 'last_refill', 'last_refill_us')
local tokens = tonumber(state[1])
local last_us = now_us
if tokens == nil then
  tokens = capacity
else
  local last_s = tonumber(state[2])
  local precise = tonumber(state[3])
  if precise ~= nil and last_s ~= nil and math.floor(precise / 1000000) == last_s then
    last_us = precise
  elseif last_s ~= nil then
    last_us = last_s * 1000000
  end
end
-- a clock that steps back never drains the bucket
tokens = math.min(capacity, tokens + math.max(0, now_us - last_us) * rate / 1000000)

local allowed = 0
local retry = -1
if tokens >= 1 then
  allowed = 1
  if ARGV[4] == '1' then
    tokens = tokens - 1
    redis.call('HSET', key, 'tokens', tokens, 'last_refill', t[1], 'last_refill_us', t[1] .. string.sub('00000' .. t[2], -6))
    redis.call('EXPIRE', key, ARGV[3])
  end
else
  retry = math.ceil((1 - tokens) / rate * 1000)
end
return {allowed, capacity, math.floor(tokens), retry, math.ceil((capacity - tokens) / rate * 1000), math.floor(now_us / 1000)}
