package io.damselfly.scheduler.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.damselfly.scheduler.host.HostBreakerProperties;
import io.damselfly.scheduler.host.HostBreaker;
import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostStats;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hosts in Redis: the last announce as JSON under {@code df:host:<id>} with a TTL of three announce
 * intervals (Redis expires silent hosts, nothing sweeps), an address index for seeds, and the shared
 * statistics and breaker under {@code df:host-stats:{id}} and {@code df:host-breaker:{id}}. A round
 * reads all its hosts, statistics and breakers with one {@code MGET} (split per slot by the client on
 * Redis Cluster); a report updates statistics and breaker of each parent host with one script.
 */
public class RedisHostRepository implements HostRepository {

	private static final LuaScript OUTCOMES = LuaScript.load("host_outcomes.lua", ScriptOutputType.MULTI);

	private static final LuaScript PROBATION = LuaScript.load("host_probation.lua", ScriptOutputType.MULTI);

	/** Hosts whose last parsed announce is remembered: re-parsing the same JSON every round is wasted work. */
	private static final int PARSED_LIMIT = 20_000;

	private final RedisLink redis;

	private final JsonMapper json;

	private final HostBreakerProperties breakers;

	private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

	public RedisHostRepository(RedisLink redis, JsonMapper json, HostBreakerProperties breakers) {
		this.redis = redis;
		this.json = json;
		this.breakers = breakers;
	}

	@Override
	public Mono<Void> save(HostRecord host, Duration ttl) {
		byte[] value = json.writeValueAsBytes(host);
		var announce = host.announce();
		SetArgs expiry = SetArgs.Builder.ex(ttl);
		double expiresAt = host.announcedAt().plus(ttl).toEpochMilli();
		return Mono.when(redis.mono((c) -> c.set(RedisKeys.host(host.hostId()), value, expiry)),
				redis.mono((c) -> c.set(RedisKeys.hostAddress(announce.ip(), announce.port()),
						RedisLink.bytes(host.hostId()), expiry)),
				redis.mono((c) -> c.zadd(RedisKeys.hosts(), expiresAt, RedisLink.bytes(host.hostId()))));
	}

	/** Trims the expired ids from the index (Redis expires the announces themselves), then reads the rest. */
	@Override
	public Mono<List<HostRecord>> listLive(long nowMillis, int limit) {
		return redis.mono((c) -> c.zremrangebyscore(RedisKeys.hosts(), Range.create(0, nowMillis)))
			.then(redis.flux((c) -> c.zrangebyscore(RedisKeys.hosts(), Range.create(nowMillis, Double.MAX_VALUE),
					Limit.create(0, limit))).map(Replies::str).collectList())
			.flatMap(this::findAll)
			.map((entries) -> entries.values().stream().map(HostEntry::host).filter(java.util.Objects::nonNull)
				.toList());
	}

	@Override
	public Mono<HostRecord> find(String hostId) {
		return redis.mono((c) -> c.get(RedisKeys.host(hostId))).map((value) -> parse(hostId, Replies.str(value)));
	}

	@Override
	public Mono<Map<String, HostEntry>> findAll(Collection<String> hostIds) {
		if (hostIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<String> ids = new ArrayList<>(hostIds);
		int n = ids.size();
		String[] keys = new String[n * 3];
		for (int i = 0; i < n; i++) {
			keys[i] = RedisKeys.host(ids.get(i));
			keys[n + i] = RedisKeys.hostStats(ids.get(i));
			keys[2 * n + i] = RedisKeys.hostBreaker(ids.get(i));
		}
		return redis.flux((c) -> c.mget(keys)).collectList().map((values) -> {
			Map<String, HostEntry> hosts = new HashMap<>(n * 2);
			for (int i = 0; i < n; i++) {
				KeyValue<String, byte[]> announce = values.get(i);
				KeyValue<String, byte[]> stats = values.get(n + i);
				KeyValue<String, byte[]> breaker = values.get(2 * n + i);
				hosts.put(ids.get(i),
						new HostEntry(announce.hasValue() ? parse(ids.get(i), Replies.str(announce.getValue())) : null,
								HostStats.parse(stats.hasValue() ? Replies.str(stats.getValue()) : null),
								breaker.hasValue() ? HostBreaker.parse(Replies.str(breaker.getValue())) : HostBreaker.CLOSED));
			}
			return hosts;
		});
	}

	@Override
	public Mono<Map<String, String>> idsAt(List<String> addresses) {
		if (addresses.isEmpty()) {
			return Mono.just(Map.of());
		}
		String[] keys = addresses.stream().map((a) -> "df:host-addr:" + a).toArray(String[]::new);
		return redis.flux((c) -> c.mget(keys)).collectList().map((values) -> {
			Map<String, String> ids = new LinkedHashMap<>();
			for (int i = 0; i < addresses.size(); i++) {
				if (values.get(i).hasValue()) {
					ids.put(addresses.get(i), Replies.str(values.get(i).getValue()));
				}
			}
			return ids;
		});
	}

	@Override
	public Mono<Void> delete(String hostId) {
		return find(hostId)
			.flatMap((host) -> redis.mono((c) -> c.del(RedisKeys.hostAddress(host.announce().ip(), host.announce().port()))))
			.then(redis.mono((c) -> c.del(RedisKeys.host(hostId))))
			.then(redis.mono((c) -> c.zrem(RedisKeys.hosts(), RedisLink.bytes(hostId))))
			.then();
	}

	@Override
	public Mono<HostBreaker.Update> recordOutcomes(String hostId, HostOutcomes outcomes, Duration statsTtl,
			long nowMillis) {
		List<String> args = new ArrayList<>(12 + outcomes.costs().size());
		args.add(Long.toString(Math.max(1, statsTtl.toSeconds())));
		args.add(Long.toString(outcomes.ok()));
		args.add(Long.toString(outcomes.failed()));
		args.add(Long.toString(nowMillis));
		args.add(outcomes.codes());
		args.add(Integer.toString(breakers.window()));
		args.add(Integer.toString(breakers.minimumOutcomes()));
		args.add(Integer.toString(breakers.failureRateThreshold()));
		args.add(Integer.toString(breakers.digestMismatchThreshold()));
		args.add(Long.toString(breakers.openDuration().toMillis()));
		args.add(Integer.toString(breakers.halfOpenSuccesses()));
		args.add(Long.toString(breakers.idleTtl().toSeconds()));
		for (Long cost : outcomes.costs()) {
			args.add(Long.toString(cost));
		}
		String[] keys = { RedisKeys.hostStats(hostId), RedisKeys.hostBreaker(hostId) };
		return redis.eval(OUTCOMES, keys, args).map((replies) -> {
			List<Object> r = Replies.unwrap(replies);
			return new HostBreaker.Update(HostBreaker.parse(Replies.str(r.get(1))), Replies.str(r.get(0)));
		});
	}

	@Override
	public Mono<ProbationGrant> grantProbation(String hostId, String peerId, long nowMillis) {
		List<String> args = List.of(Long.toString(nowMillis), Integer.toString(breakers.halfOpenPermits()),
				Long.toString(breakers.probationTimeout().toMillis()), peerId, Long.toString(breakers.idleTtl().toSeconds()));
		return redis.eval(PROBATION, new String[] { RedisKeys.hostBreaker(hostId) }, args).map((replies) -> {
			List<Object> r = Replies.unwrap(replies);
			return new ProbationGrant(Replies.num(r.get(0), 0) == 1, Replies.integer(r.get(1), 0));
		});
	}

	/** The stored JSON is the truth; the cache only skips parsing when it is byte for byte the same. */
	private HostRecord parse(String hostId, String value) {
		Parsed known = parsed.get(hostId);
		if (known != null && known.json.equals(value)) {
			return known.host;
		}
		HostRecord host = json.readValue(value, HostRecord.class);
		if (parsed.size() >= PARSED_LIMIT) {
			parsed.clear();
		}
		parsed.put(hostId, new Parsed(value, host));
		return host;
	}

	private record Parsed(String json, HostRecord host) {
	}

}
