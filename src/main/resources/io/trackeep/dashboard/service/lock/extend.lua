-- Sets a new time to live only if the lock still holds the caller's token.
-- KEYS[1] lock; ARGV[1] token, ARGV[2] ttl in ms. Returns 1 when extended, 0 otherwise.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
