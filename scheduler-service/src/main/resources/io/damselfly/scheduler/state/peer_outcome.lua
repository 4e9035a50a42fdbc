-- Ends a peer's download: SUCCEEDED (holds every piece, stays servable), FAILED, or LEFT (its copy is
-- gone). The sizes a SUCCEEDED peer states are taken only from a peer in the task's origin set. All keys
-- are in the task's slot.
-- KEYS: 1 peer, 2 peers, 3 servable, 4 running, 5 origin, 6 seeds, 7 parents, 8 peer pieces,
--       9 peer blocklist, 10 task
-- ARGV: 1 peerId, 2 outcome, 3 content length (''), 4 piece size (''), 5 piece count (''), 6 now (ms),
--       7 peer ttl (s)
local peerId = ARGV[1]
if not redis.call('HGET', KEYS[1], 'state') then
  return 0
end
local outcome = ARGV[2]
-- Only a peer the scheduler sent to the origin may state the task's sizes.
local sanctioned = redis.call('SISMEMBER', KEYS[5], peerId) == 1
redis.call('HDEL', KEYS[7], peerId)
redis.call('SREM', KEYS[4], peerId)
redis.call('SREM', KEYS[5], peerId)
if outcome == 'SUCCEEDED' then
  if sanctioned and ARGV[3] ~= '' and tonumber(redis.call('HGET', KEYS[10], 'contentLength') or '-1') < 0 then
    redis.call('HSET', KEYS[10], 'contentLength', ARGV[3], 'pieceSize', ARGV[4], 'pieceCount', ARGV[5])
  end
  local count = tonumber(redis.call('HGET', KEYS[10], 'pieceCount') or '-1')
  for n = 0, count - 1 do
    redis.call('SETBIT', KEYS[8], n, 1)
  end
  redis.call('SADD', KEYS[3], peerId)
  redis.call('EXPIRE', KEYS[8], ARGV[7])
else
  redis.call('SREM', KEYS[3], peerId)
  redis.call('SREM', KEYS[6], peerId)
  if outcome == 'LEFT' then
    redis.call('DEL', KEYS[8], KEYS[9])
  end
end
redis.call('HSET', KEYS[1], 'state', outcome, 'updatedAt', ARGV[6])
redis.call('HSET', KEYS[2], peerId, outcome)
redis.call('HSET', KEYS[10], 'updatedAt', ARGV[6])
redis.call('EXPIRE', KEYS[1], ARGV[7])
return 1
