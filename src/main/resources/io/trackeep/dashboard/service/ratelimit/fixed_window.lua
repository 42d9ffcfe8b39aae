-- Fixed window: a plain integer counter (INCR) that expires one window after the first request.
-- Rejected requests are not counted (taken back in the same script), so a client that keeps
-- hammering is admitted again as soon as its window ends.
-- KEYS[1] the rate-limit key
-- ARGV[1] limit, ARGV[2] window in ms, ARGV[3] '1' to count the request, '0' to only look
-- Returns {allowed 0/1, limit, remaining, retry-after ms (-1 when allowed), reset-after ms, server time ms}
if redis.replicate_commands then
  redis.replicate_commands() -- Redis 6.2: lets TIME precede writes; a no-op on 7+
end
local key = KEYS[1]
local limit = tonumber(ARGV[1])
local t = redis.call('TIME')
local now_ms = t[1] * 1000 + math.floor(t[2] / 1000)

local count
local ttl
if ARGV[3] == '1' then
  -- counted first, taken back below if over the limit: one command less on the admitted path
  count = redis.pcall('INCR', key)
  if type(count) == 'table' then
    if string.find(count.err, 'not an integer', 1, true) then
      return redis.error_reply('WRONGTYPE fixed-window counter does not hold an integer')
    end
    return count
  end
  if count == 1 then -- a new window, as the Go code starts one
    redis.call('PEXPIRE', key, ARGV[2])
    ttl = tonumber(ARGV[2])
  else
    ttl = redis.call('PTTL', key)
    if ttl < 0 then -- heals a counter left without expiry (INCR done, EXPIRE lost), which would block forever
      redis.call('PEXPIRE', key, ARGV[2])
      ttl = tonumber(ARGV[2])
    end
  end
  if count <= limit then
    return {1, limit, limit - count, -1, ttl, now_ms}
  end
  count = redis.call('DECR', key)
else
  local raw = redis.call('GET', key)
  count = 0
  if raw then
    count = tonumber(raw)
    if count == nil or count ~= math.floor(count) then
      return redis.error_reply('WRONGTYPE fixed-window counter does not hold an integer')
    end
  end
  ttl = redis.call('PTTL', key) -- -2: no key, -1: no expiry
  if ttl == -1 and count > 0 then
    ttl = -1 -- a counter left without expiry (EXPIRE lost): said as such, never as "empty again in 0 s"
  else
    ttl = math.max(0, ttl)
  end
  if count < limit then
    return {1, limit, limit - count, -1, ttl, now_ms}
  end
end
return {0, limit, math.max(0, limit - count), ttl, ttl, now_ms}
