-- Folds one report's outcomes for one parent host into what every scheduler instance shares about it.
-- Both keys carry the host's hash tag, so the script stays in one slot on Redis Cluster.
-- 1. Statistics (HostStats.withUploads/withCost in Java): upload successes and failures, and Welford's
--    running mean and M2 of the piece costs before the last one, plus the last one.
-- 2. Breaker (HostBreaker.apply in Java): stored CLOSED ('C') or OPEN ('O'); an OPEN breaker past its
--    open duration is HALF_OPEN. Closed: outcomes join a window judged once the report is in. Half-open:
--    a failure opens it again, enough successes close it. Open: outcomes are ignored.
--    Value: state|openedAt|openUntil|grantedAt|children|probeSuccesses|recent|reason
-- KEYS: 1 host stats, 2 host breaker
-- ARGV: 1 stats ttl (s), 2 successes, 3 failures, 4 now (ms), 5 outcomes in report order (S ok,
--       T timeout, R refused, D digest mismatch, I I/O error), 6 window, 7 minimum outcomes,
--       8 failure rate threshold (%), 9 digest mismatch threshold, 10 open duration (ms),
--       11 successes that close a half-open breaker, 12 breaker ttl (s), 13.. costs (ms) of good pieces
-- Returns {transitions, breaker}: transitions in order, 'O' opened, 'R' opened again, 'C' closed.
local ok, failed, n, mean, m2, last = 0, 0, 0, 0, 0, -1
local current = redis.call('GET', KEYS[1])
if current then
  local v = {}
  for x in string.gmatch(current, '%S+') do v[#v + 1] = tonumber(x) end
  if #v == 6 then
    ok, failed, n, mean, m2, last = v[1], v[2], v[3], v[4], v[5], v[6]
  end
end
ok = ok + tonumber(ARGV[2])
failed = failed + tonumber(ARGV[3])
for i = 13, #ARGV do
  if last >= 0 then
    n = n + 1
    local delta = last - mean
    mean = mean + delta / n
    m2 = m2 + delta * (last - mean)
  end
  last = tonumber(ARGV[i])
end
redis.call('SET', KEYS[1], string.format('%d %d %d %.17g %.17g %d', ok, failed, n, mean, m2, last), 'EX', ARGV[1])

local now = tonumber(ARGV[4])
local window = tonumber(ARGV[6])
local openMs = tonumber(ARGV[10])
local open, openedAt, openUntil, grantedAt, children, probes, ring, reason = false, 0, 0, 0, '', 0, '', ''
local stored = redis.call('GET', KEYS[2])
if stored then
  local f = {}
  local start = 1
  for i = 1, 7 do
    local bar = string.find(stored, '|', start, true)
    if not bar then break end
    f[i] = string.sub(stored, start, bar - 1)
    start = bar + 1
  end
  if #f == 7 then
    open = f[1] == 'O'
    openedAt, openUntil, grantedAt = tonumber(f[2]) or 0, tonumber(f[3]) or 0, tonumber(f[4]) or 0
    children, probes, ring, reason = f[5], tonumber(f[6]) or 0, f[7], string.sub(stored, start)
  end
end

local names = {D = 'digest_mismatch', T = 'timeout', R = 'refused', I = 'io_error'}
local transitions = ''
for c in string.gmatch(ARGV[5], '.') do
  if not open then
    ring = ring .. c
  elseif now >= openUntil then
    if c == 'S' then
      probes = probes + 1
      if probes >= tonumber(ARGV[11]) then
        open, openedAt, openUntil, grantedAt, children, probes, ring, reason = false, 0, 0, 0, '', 0, '', ''
        transitions = transitions .. 'C'
      end
    else
      openedAt, openUntil, grantedAt, children, probes = now, now + openMs, 0, '', 0
      reason = 'a piece failed on probation (' .. (names[c] or 'failure') .. ')'
      transitions = transitions .. 'R'
    end
  end
end
if not open then
  if #ring > window then
    ring = string.sub(ring, #ring - window + 1)
  end
  local failures, counts = 0, {D = 0, T = 0, R = 0, I = 0}
  for c in string.gmatch(ring, '.') do
    if c ~= 'S' then failures = failures + 1 end
    if counts[c] then counts[c] = counts[c] + 1 end
  end
  if counts.D >= tonumber(ARGV[9])
      or (#ring >= tonumber(ARGV[7]) and failures * 100 >= tonumber(ARGV[8]) * #ring) then
    local kinds = {}
    for i, c in ipairs({'D', 'T', 'R', 'I'}) do
      if counts[c] > 0 then kinds[#kinds + 1] = {c = c, n = counts[c], i = i} end
    end
    table.sort(kinds, function(a, b)
      if a.n ~= b.n then return a.n > b.n end
      return a.i < b.i
    end)
    local parts = {}
    for _, k in ipairs(kinds) do parts[#parts + 1] = names[k.c] .. '=' .. k.n end
    open, openedAt, openUntil = true, now, now + openMs
    reason = failures .. ' of ' .. #ring .. ' recent pieces failed (' .. table.concat(parts, ', ') .. ')'
    transitions = transitions .. 'O'
  end
end
local value = string.format('%s|%d|%d|%d|%s|%d|%s|%s', open and 'O' or 'C', openedAt, openUntil, grantedAt,
  children, probes, ring, reason)
redis.call('SET', KEYS[2], value, 'EX', ARGV[12])
return {transitions, value}
