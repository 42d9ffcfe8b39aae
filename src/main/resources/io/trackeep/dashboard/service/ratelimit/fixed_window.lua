-- Fixed window: a plain integer counter (INCR) that expires one window after the first request.
-- Rejected requests are not counted, so a client that keeps hammering is admitted again as soon
-- as its window ends.
-- KEYS[1] the rate-limit key
-- ARGV[1] limit, ARGV[2] window in ms, ARGV[3] '1' to count the request, '0' to only look
-- Returns {allowed 0/1, limit, remaining, retry-after ms (-1 when allowed), reset-after ms, server time ms}
if redis.replicate_commands then
  redis.replicate_commands() -- Redis 6.2: lets TIME precede writes; a no-op on 7+
end
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local consume = ARGV[3] == '1'
local t = redis.call('TIME')

local raw = redis.call('GET', key)
local count = 0
if raw then
  count = tonumber(raw)
  if count == nil or count ~= math.floor(count) then
    return redis.error_reply('WRONGTYPE fixed-window counter does not hold an integer')
  end
end
local ttl = redis.call('PTTL', key) -- -2: no key, -1: no expiry

local allowed = 0
if count < limit then
  allowed = 1
  if consume then
    count = redis.call('INCR', key)
  end
end
-- also heals a counter left without expiry (INCR done, EXPIRE lost), which would block forever
if consume and count > 0 and ttl < 0 then
  redis.call('PEXPIRE', key, window)
  ttl = window
end
local reset = math.max(0, ttl)
local retry = -1
if allowed == 0 then
  retry = reset
end
return {allowed, limit, math.max(0, limit - count), retry, reset,
  tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)}
