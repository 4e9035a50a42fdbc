-- Applies a batch of piece results: sizes (first report wins), origin digests (first writer wins),
-- the peer's bitmap and the servable index. Only a peer the scheduler sent to the origin (in the task's
-- origin set) may report origin pieces, and so define the digests every child verifies against, or state
-- the task's sizes: a batch with an origin piece from any other peer is refused whole. A piece whose digest disagrees with the recorded one is
-- not marked and its parent goes on the reporter's blocklist. Every key it touches is declared in KEYS
-- and carries the task's {taskId} hash tag, so it runs unchanged on Redis Cluster.
-- KEYS: 1 task, 2 digests, 3 peers, 4 servable, 5 running, 6 peer, 7 peer pieces, 8 peer blocklist,
--       9 origin, 10 parents ever given to the peer, 11.. the records of the parents whose host the reporter did not name (looked up here)
-- ARGV: 1 peerId, 2 content length ('' unknown), 3 piece size (''), 4 piece count (''), 5 peer ttl (s),
--       6 task ttl (s), 7 now (ms), 8 peer key prefix (to tell a parent's id from its declared record key),
--       then per result from 9: number, ok '1'/'0', digest (''), parent peer (''), parent host ('')
-- A result naming a parent the scheduler never handed to this peer counts against no one: its failure
-- or mismatch is verdict U (not blocklisted, no parent host), a success is taken without crediting it.
-- Returns {'OK', verdicts, parent hosts} with a verdict per result: A accepted, M digest mismatch,
-- F failure, U failure or mismatch blaming a parent never given; or {'NOT_FOUND', 0}, {'GONE', state}, {'RANGE', number, count}, {'FORBIDDEN', number}.
local peerId = ARGV[1]
local state = redis.call('HGET', KEYS[6], 'state')
if not state then
  return {'NOT_FOUND', 0}
end
if state == 'FAILED' or state == 'LEFT' then
  return {'GONE', state}
end
local sanctioned = redis.call('SISMEMBER', KEYS[9], peerId) == 1
if not sanctioned then
  for i = 9, #ARGV, 5 do
    if ARGV[i + 1] == '1' and ARGV[i + 3] == '' then
      return {'FORBIDDEN', ARGV[i]}
    end
  end
end
if not sanctioned then
  -- sizes from a peer that was not sent to the origin are ignored
elseif ARGV[2] ~= '' then
  if tonumber(redis.call('HGET', KEYS[1], 'contentLength') or '-1') < 0 then
    redis.call('HSET', KEYS[1], 'contentLength', ARGV[2], 'pieceSize', ARGV[3], 'pieceCount', ARGV[4])
  end
elseif ARGV[3] ~= '' then
  if tonumber(redis.call('HGET', KEYS[1], 'pieceSize') or '0') == 0 then
    redis.call('HSET', KEYS[1], 'pieceSize', ARGV[3])
  end
end
local count = tonumber(redis.call('HGET', KEYS[1], 'pieceCount') or '-1')
for i = 9, #ARGV, 5 do
  local n = tonumber(ARGV[i])
  if count >= 0 and n >= count then
    return {'RANGE', n, count}
  end
end
local parentRecord = {}
for i = 11, #KEYS do
  parentRecord[string.sub(KEYS[i], #ARGV[8] + 1)] = i
end
local verdicts = {}
local hosts = {}
local accepted = false
for i = 9, #ARGV, 5 do
  local n = ARGV[i]
  local digest = ARGV[i + 2]
  local parent = ARGV[i + 3]
  local parentHost = ARGV[i + 4]
  local given = parent == '' or redis.call('SISMEMBER', KEYS[10], parent) == 1
  if not given then
    parentHost = ''
  elseif parent ~= '' and parentHost == '' and parentRecord[parent] then
    parentHost = redis.call('HGET', KEYS[parentRecord[parent]], 'hostId') or ''
  end
  hosts[#hosts + 1] = parentHost
  local verdict = given and 'F' or 'U'
  if ARGV[i + 1] == '1' then
    local recorded = redis.call('HGET', KEYS[2], n)
    if parent == '' and digest ~= '' and not recorded then
      redis.call('HSETNX', KEYS[2], n, digest)
      recorded = digest
    end
    if recorded and digest ~= '' and recorded ~= digest then
      verdict = given and 'M' or 'U'
      if parent ~= '' and given then
        redis.call('SADD', KEYS[8], parent)
      end
    else
      redis.call('SETBIT', KEYS[7], tonumber(n), 1)
      verdict = 'A'
      accepted = true
    end
  end
  verdicts[#verdicts + 1] = verdict
end
if accepted then
  if state == 'PENDING' then
    state = 'RUNNING'
    redis.call('HSET', KEYS[6], 'state', state)
    redis.call('HSET', KEYS[3], peerId, state)
  end
  redis.call('SADD', KEYS[4], peerId)
  redis.call('SREM', KEYS[5], peerId)
end
redis.call('HSET', KEYS[6], 'updatedAt', ARGV[7])
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[7])
for i = 6, 8 do
  redis.call('EXPIRE', KEYS[i], ARGV[5])
end
for i = 1, 5 do
  redis.call('EXPIRE', KEYS[i], ARGV[6])
end
return {'OK', table.concat(verdicts), hosts}
