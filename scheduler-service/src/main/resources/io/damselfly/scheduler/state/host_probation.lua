-- Hands a child a probation grant on a host whose breaker is half-open (HostBreaker.grant in Java):
-- at most `permits` children at a time; grants lapse `timeout` after the latest one, so children that
-- died do not hold the host forever. A child that holds a grant keeps it.
-- KEYS: 1 host breaker
-- ARGV: 1 now (ms), 2 permits, 3 probation timeout (ms), 4 child peer id, 5 breaker ttl (s)
-- Returns {granted 1/0, children trying the host}.
local stored = redis.call('GET', KEYS[1])
if not stored or string.sub(stored, 1, 1) ~= 'O' then
  return {1, 0}
end
local f = {}
local start = 1
for i = 1, 7 do
  local bar = string.find(stored, '|', start, true)
  if not bar then return {1, 0} end
  f[i] = string.sub(stored, start, bar - 1)
  start = bar + 1
end
local now = tonumber(ARGV[1])
if now < (tonumber(f[3]) or 0) then
  return {0, 0}
end
local grantedAt = tonumber(f[4]) or 0
local children = {}
if grantedAt > 0 and now - grantedAt <= tonumber(ARGV[3]) then
  local holds = false
  for id in string.gmatch(f[5], '[^,]+') do
    children[#children + 1] = id
    if id == ARGV[4] then holds = true end
  end
  if holds then
    return {1, #children}
  end
end
if #children >= tonumber(ARGV[2]) then
  return {0, #children}
end
children[#children + 1] = ARGV[4]
local value = table.concat({f[1], f[2], f[3], string.format('%d', now), table.concat(children, ','), f[6], f[7]}, '|')
  .. '|' .. string.sub(stored, start)
redis.call('SET', KEYS[1], value, 'EX', ARGV[5])
return {1, #children}
