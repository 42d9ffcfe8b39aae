-- Deletes the lock only if it still holds the caller's token: after an expiry, the lock may
-- belong to someone else, whose lock must survive a late release.
-- KEYS[1] lock; ARGV[1] token. Returns 1 when released, 0 otherwise.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
