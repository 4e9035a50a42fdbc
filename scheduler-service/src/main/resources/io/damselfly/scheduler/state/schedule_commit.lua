-- Records a scheduling decision: the peer's state and parents, the task's indexes, and the attempt's
-- explanation (bounded list with a TTL). All keys are in the task's slot.
-- KEYS: 1 peer, 2 peers, 3 servable, 4 running, 5 origin, 6 seeds, 7 parents, 8 peer attempts,
--       9 parents ever given to the peer (its failure reports may blame only those)
-- ARGV: 1 peerId, 2 decision, 3 parents (comma-separated), 4 requester is a seed '1'/'0',
--       5 attempt JSON, 6 attempts kept, 7 peer ttl (s), 8 now (ms)
local peerId = ARGV[1]
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  return 0
end
local decision = ARGV[2]
if decision == 'PARENTS' then
  if state ~= 'SUCCEEDED' then state = 'RUNNING' end
  redis.call('HSET', KEYS[7], peerId, ARGV[3])
  for parent in string.gmatch(ARGV[3], '[^,]+') do
    redis.call('SADD', KEYS[9], parent)
  end
  redis.call('EXPIRE', KEYS[9], ARGV[7])
  redis.call('HSET', KEYS[1], 'failures', '0')
  redis.call('SREM', KEYS[5], peerId)
  if redis.call('SISMEMBER', KEYS[3], peerId) == 0 then
    redis.call('SADD', KEYS[4], peerId)
  end
elseif decision == 'WAIT' then
  redis.call('HINCRBY', KEYS[1], 'failures', 1)
  redis.call('HDEL', KEYS[7], peerId)
elseif decision == 'BACK_TO_SOURCE' then
  if state ~= 'SUCCEEDED' then state = 'BACK_TO_SOURCE' end
  redis.call('HDEL', KEYS[7], peerId)
  redis.call('SREM', KEYS[4], peerId)
  redis.call('SADD', KEYS[5], peerId)
  if ARGV[4] == '1' then
    -- A seed at the origin is servable at once: children poll it as its pieces arrive.
    redis.call('SADD', KEYS[3], peerId)
    redis.call('SADD', KEYS[6], peerId)
  end
elseif decision == 'FAIL' then
  state = 'FAILED'
  redis.call('HDEL', KEYS[7], peerId)
  redis.call('SREM', KEYS[3], peerId)
  redis.call('SREM', KEYS[4], peerId)
  redis.call('SREM', KEYS[5], peerId)
  redis.call('SREM', KEYS[6], peerId)
end
redis.call('HSET', KEYS[1], 'state', state, 'updatedAt', ARGV[8])
redis.call('HSET', KEYS[2], peerId, state)
redis.call('LPUSH', KEYS[8], ARGV[5])
redis.call('LTRIM', KEYS[8], 0, tonumber(ARGV[6]) - 1)
redis.call('EXPIRE', KEYS[8], ARGV[7])
return 1
