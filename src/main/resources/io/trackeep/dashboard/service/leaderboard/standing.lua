-- One member's score and how many members score strictly more, atomically.
-- KEYS[1] board; ARGV[1] member. Returns {score, above}, or {} when the member is not on the board.
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score then
  return {}
end
return {score, redis.call('ZCOUNT', KEYS[1], '(' .. score, '+inf')}
