-- Removes the task's "seed triggered" mark only if it still names the seed whose trigger failed.
-- KEYS: 1 seed trigger; ARGV: 1 seed node id
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
