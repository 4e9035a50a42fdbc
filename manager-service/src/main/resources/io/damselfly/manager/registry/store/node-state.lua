-- Writes the state the prober decided for a node, atomically, on a complete record only.
-- KEYS[1] node record hash (one slot: the key is tagged {nodeId})
-- ARGV[1] state; ARGV[2] reason, '' for none; ARGV[3] now, the new 'since'
-- A hash without its registration fields is left alone: writing state into a node deleted meanwhile
-- would create the half record that the touch script has to throw away. The record's TTL is kept.
-- Returns {} when there is no record or it already holds ARGV[1], else
-- {previousState, previousSince, type, clusterId, url}.
if redis.call('HEXISTS', KEYS[1], 'type') == 0 then
  return {}
end
local current = redis.call('HMGET', KEYS[1], 'state', 'since', 'type', 'clusterId', 'url')
if current[1] == ARGV[1] then
  return {}
end
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], 'reason')
else
  redis.call('HSET', KEYS[1], 'reason', ARGV[2])
end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'since', ARGV[3])
return {current[1] or '', current[2] or '', current[3] or '', current[4] or '', current[5] or ''}
