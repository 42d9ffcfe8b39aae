-- Takes the lock and numbers this acquisition in one step, so a holder never exists without
-- its fence number and numbers follow the order in which the lock was taken.
-- KEYS[1] lock, KEYS[2] fence counter (same hash slot); ARGV[1] token, ARGV[2] ttl in ms.
-- Returns the fence number, or 0 when someone else holds the lock.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return 0
