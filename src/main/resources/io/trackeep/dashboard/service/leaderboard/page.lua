-- One page of a board, highest score first, with what is needed to rank it, atomically.
-- KEYS[1] board; ARGV[1] start, ARGV[2] stop (0-based positions, inclusive).
-- Returns {total, above, member1, score1, member2, score2, ...}: total = board size,
-- above = members scoring strictly more than the page's first member (its rank is above + 1).
local page = redis.call('ZREVRANGE', KEYS[1], ARGV[1], ARGV[2], 'WITHSCORES')
local above = 0
if #page > 0 then
  above = redis.call('ZCOUNT', KEYS[1], '(' .. page[2], '+inf')
end
local result = {redis.call('ZCARD', KEYS[1]), above}
for i = 1, #page do
  result[i + 2] = page[i]
end
return result
