-- Refreshes a session on lookup, atomically and only if it still exists, so that a kill (DEL)
-- racing with a lookup always wins: a deleted session is never written back.
-- Only last_active is replaced, in place, so the rest of the value stays byte for byte as its
-- writer (Go or Java) stored it and a concurrent role change is not overwritten.
-- KEYS[1] session key; ARGV[1] lifetime in seconds; ARGV[2] new last_active (RFC 3339, no '%').
local raw = redis.call('GET', KEYS[1])
if not raw then
  return false
end
local touched = string.gsub(raw, '("last_active"%s*:%s*")[^"]*"', '%1' .. ARGV[2] .. '"', 1)
redis.call('SET', KEYS[1], touched, 'EX', ARGV[1])
return touched
