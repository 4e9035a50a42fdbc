-- Registers a node or keeps it alive, atomically and in one round trip.
-- KEYS[1] node record hash, KEYS[2] alive key (one hash slot: both are tagged {nodeId})
-- ARGV[1] 'register' or 'keepalive'; ARGV[2] now; ARGV[3] expiresAt (now + keepalive TTL)
-- ARGV[4] alive key TTL in ms; ARGV[5] record TTL in ms
-- ARGV[6..] registration field/value pairs (register only); an empty value removes the field
-- A record without registration fields (e.g. state written for a node that was deleted meanwhile)
-- counts as unknown, so the node is told to register again.
-- Returns {} for a keepalive of an unknown node, else
-- {existed, wasAlive, previousClusterId, previousExpiresAt, field1, value1, ...} (the record after the write).
local existed = redis.call('HEXISTS', KEYS[1], 'type')
if existed == 0 and ARGV[1] == 'keepalive' then
  return {}
end
local wasAlive = redis.call('EXISTS', KEYS[2])
local previousCluster = ''
local previousExpiresAt = ''
if existed == 1 then
  previousCluster = redis.call('HGET', KEYS[1], 'clusterId') or ''
  previousExpiresAt = redis.call('HGET', KEYS[1], 'expiresAt') or ''
else
  redis.call('DEL', KEYS[1])
end
for i = 6, #ARGV, 2 do
  if ARGV[i + 1] == '' then
    redis.call('HDEL', KEYS[1], ARGV[i])
  else
    redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  end
end
redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[2], 'expiresAt', ARGV[3])
-- The stored state belongs to the prober once the node is known; a node coming back from INACTIVE
-- keeps it but enters it anew, so its 'since' restarts.
if existed == 0 then
  redis.call('HSET', KEYS[1], 'registeredAt', ARGV[2], 'state', 'ACTIVE', 'since', ARGV[2])
elseif wasAlive == 0 then
  redis.call('HSET', KEYS[1], 'since', ARGV[2])
end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
local result = {tostring(existed), tostring(wasAlive), previousCluster, previousExpiresAt}
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields do
  result[#result + 1] = fields[i]
end
return result
