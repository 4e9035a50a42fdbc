-- The second half of a scheduling round: reads the records and piece bitmaps of the peers that
-- schedule_round.lua sampled, and the records of the task's seed peers. Every key is declared in KEYS
-- and carries the task's {taskId} hash tag, so the call stays in one slot on Redis Cluster.
-- KEYS: for each of the ARGV[1] candidates, its peer record then its pieces bitmap; then one peer
--       record per seed peer
-- ARGV: 1 number of candidates
-- Returns {rows, seeds}: rows as {state, hostId, bitmap} per candidate, seeds as {state, hostId} per seed,
-- in KEYS order; '' for what has expired.
local n = tonumber(ARGV[1])
local rows = {}
for i = 1, n do
  local f = redis.call('HMGET', KEYS[2 * i - 1], 'state', 'hostId')
  rows[i] = {f[1] or '', f[2] or '', redis.call('GET', KEYS[2 * i]) or ''}
end
local seeds = {}
for i = 2 * n + 1, #KEYS do
  local f = redis.call('HMGET', KEYS[i], 'state', 'hostId')
  seeds[#seeds + 1] = {f[1] or '', f[2] or ''}
end
return {rows, seeds}
