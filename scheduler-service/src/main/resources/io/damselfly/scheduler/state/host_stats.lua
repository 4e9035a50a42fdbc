-- Folds a report's outcomes for one parent host into its statistics, shared by every scheduler
-- instance: upload successes and failures, and Welford's running mean and M2 of the piece costs before
-- the last one, plus the last one (HostStats.withCost does the same in Java). One key per call.
-- KEYS: 1 host stats
-- ARGV: 1 ttl (s), 2 successes, 3 failures, 4.. costs (ms) of successful pieces in order
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
for i = 4, #ARGV do
  if last >= 0 then
    n = n + 1
    local delta = last - mean
    mean = mean + delta / n
    m2 = m2 + delta * (last - mean)
  end
  last = tonumber(ARGV[i])
end
redis.call('SET', KEYS[1], string.format('%d %d %d %.17g %.17g %d', ok, failed, n, mean, m2, last), 'EX', ARGV[1])
return 1
