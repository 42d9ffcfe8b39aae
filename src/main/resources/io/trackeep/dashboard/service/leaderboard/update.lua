-- Changes one member's score and says where it now stands, atomically (one key: one Cluster slot).
-- KEYS[1] board; ARGV[1] mode: set | incr | best; ARGV[2] score or increment; ARGV[3] member.
-- Returns {changed, score, above}: changed = 1 when the stored score changed or the member was
-- added (always 1 for incr), score as Redis prints it (exact), above = members scoring strictly more.
local key, mode, value, member = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local changed
if mode == 'set' then
  changed = redis.call('ZADD', key, 'CH', value, member)
elseif mode == 'incr' then
  redis.call('ZINCRBY', key, value, member)
  changed = 1
elseif mode == 'best' then
  -- GT (Redis 6.2): only a higher score replaces the stored one; a new member is always added.
  changed = redis.call('ZADD', key, 'GT', 'CH', value, member)
else
  return redis.error_reply('ERR unknown leaderboard update mode')
end
local score = redis.call('ZSCORE', key, member)
return {changed, score, redis.call('ZCOUNT', key, '(' .. score, '+inf')}
