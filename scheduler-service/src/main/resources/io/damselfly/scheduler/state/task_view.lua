-- Reads a task's summary in one call. All keys are in the task's slot.
-- KEYS: 1 task, 2 peers, 3 origin, 4 digests, 5 servable
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {'NOT_FOUND', 0}
end
local meta = redis.call('HMGET', KEYS[1], 'url', 'contentLength', 'pieceSize', 'pieceCount', 'createdAt', 'updatedAt',
  'private')
for i = 1, 7 do
  if not meta[i] then meta[i] = '' end
end
return {'OK', meta, redis.call('HVALS', KEYS[2]), redis.call('SCARD', KEYS[3]), redis.call('HLEN', KEYS[4]),
  redis.call('SCARD', KEYS[5])}
