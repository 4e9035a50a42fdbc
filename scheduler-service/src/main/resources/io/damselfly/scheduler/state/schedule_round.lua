-- The first half of a scheduling round: registers (or checks) the peer, counts the attempt, samples the
-- task's servable peers at random and reads the task-level state the decision needs. Every key it
-- touches is declared in KEYS and carries the {taskId} hash tag, so it runs unchanged on Redis Cluster.
-- The sampled peers' own keys cannot be declared before the sample is drawn, so their records and
-- bitmaps are read by peer_rows.lua, on the same slot, with their keys declared. Cost grows with the
-- sample (filterParentLimit), never with the task's size.
-- KEYS: 1 task, 2 digests, 3 peers, 4 servable, 5 running, 6 origin, 7 seeds, 8 parents,
--       9 seed trigger, 10 peer, 11 peer pieces, 12 peer blocklist, 13 peer attempts
-- ARGV: 1 peerId, 2 hostId, 3 now (ms), 4 register '1'/'0', 5 sample limit, 6 task ttl (s),
--       7 peer ttl (s), 8 most parent lists read for the cycle check, 9 credentials '1'/'0', 10 url,
--       11 origin url, 12 tag, 13 application, 14 whole-file digest, 15.. blocklist additions
local peerId = ARGV[1]
local now = ARGV[3]
if ARGV[4] == '1' then
  if redis.call('HSETNX', KEYS[1], 'createdAt', now) == 1 then
    redis.call('HSET', KEYS[1], 'url', ARGV[10], 'originUrl', ARGV[11], 'tag', ARGV[12],
      'application', ARGV[13], 'contentLength', '-1', 'pieceSize', '0', 'pieceCount', '-1')
  end
  if ARGV[14] ~= '' then
    redis.call('HSETNX', KEYS[1], 'digest', ARGV[14])
  end
  if ARGV[9] == '1' then
    -- Fetched with credentials once, private for good: peers check every later caller at the origin.
    redis.call('HSET', KEYS[1], 'private', '1')
  end
  local state = redis.call('HGET', KEYS[10], 'state')
  if (not state) or state == 'FAILED' or state == 'LEFT' then
    redis.call('HSET', KEYS[10], 'state', 'PENDING', 'hostId', ARGV[2], 'failures', '0', 'createdAt', now)
    redis.call('HSET', KEYS[3], peerId, 'PENDING')
  else
    redis.call('HSET', KEYS[10], 'hostId', ARGV[2])
  end
elseif redis.call('EXISTS', KEYS[10]) == 0 then
  return {'NOT_FOUND', 0}
end
redis.call('HSET', KEYS[1], 'updatedAt', now)
redis.call('HSET', KEYS[10], 'updatedAt', now)
local attempt = redis.call('HINCRBY', KEYS[10], 'attempts', 1)
local me = redis.call('HMGET', KEYS[10], 'state', 'hostId', 'failures')
for i = 15, #ARGV do
  redis.call('SADD', KEYS[12], ARGV[i])
end

local limit = tonumber(ARGV[5])
local sampled = redis.call('SRANDMEMBER', KEYS[4], limit)
if #sampled < limit then
  -- Small task: fill up with running peers that have no piece yet (the ladder's second rung).
  local seen = {}
  for _, id in ipairs(sampled) do seen[id] = true end
  for _, id in ipairs(redis.call('SRANDMEMBER', KEYS[5], limit)) do
    if #sampled >= limit then break end
    if not seen[id] then
      seen[id] = true
      sampled[#sampled + 1] = id
    end
  end
end

local ancestry = {}
local running = {}
if #sampled > 0 then
  local states = redis.call('HMGET', KEYS[3], unpack(sampled))
  for i, id in ipairs(sampled) do
    if states[i] == 'RUNNING' then running[#running + 1] = id end
  end
end

-- Parents of the candidates and of their ancestors, for the cycle check: only a peer that can serve
-- (servable, running or at the origin) can be anyone's parent, so a new requester needs none of this.
local mayBeParent = redis.call('SISMEMBER', KEYS[4], peerId) == 1 or redis.call('SISMEMBER', KEYS[5], peerId) == 1
  or redis.call('SISMEMBER', KEYS[6], peerId) == 1
local level = mayBeParent and sampled or running
local budget = tonumber(ARGV[8])
local visited = {}
for _, id in ipairs(level) do visited[id] = true end
while #level > 0 and budget > 0 do
  if #level > budget then
    local cut = {}
    for i = 1, budget do cut[i] = level[i] end
    level = cut
  end
  budget = budget - #level
  local lists = redis.call('HMGET', KEYS[8], unpack(level))
  local nextLevel = {}
  for i, id in ipairs(level) do
    local csv = lists[i]
    if csv and csv ~= '' then
      ancestry[#ancestry + 1] = id
      ancestry[#ancestry + 1] = csv
      if mayBeParent then
        for p in string.gmatch(csv, '[^,]+') do
          if not visited[p] then
            visited[p] = true
            nextLevel[#nextLevel + 1] = p
          end
        end
      end
    end
  end
  level = nextLevel
end

local seeds = redis.call('SMEMBERS', KEYS[7])

local meta = redis.call('HMGET', KEYS[1], 'contentLength', 'pieceSize', 'pieceCount', 'url', 'originUrl',
  'tag', 'application', 'digest')
for i = 1, 8 do
  if not meta[i] then meta[i] = '' end
end

for i = 1, 8 do
  redis.call('EXPIRE', KEYS[i], ARGV[6])
end
for i = 10, 13 do
  redis.call('EXPIRE', KEYS[i], ARGV[7])
end

return {'OK', attempt, me[1] or '', me[2] or '', tonumber(me[3] or '0'), redis.call('SCARD', KEYS[4]),
  redis.call('SCARD', KEYS[6]), redis.call('GET', KEYS[9]) or '', meta, redis.call('HGETALL', KEYS[2]),
  redis.call('SMEMBERS', KEYS[12]), sampled, ancestry, seeds}
