package io.damselfly.scheduler.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.damselfly.scheduler.host.HostRecord;
import io.damselfly.scheduler.host.HostStats;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hosts in Redis: the last announce as JSON under {@code df:host:<id>} with a TTL of three announce
 * intervals (Redis expires silent hosts, nothing sweeps), an address index for seeds, and the shared
 * statistics under {@code df:host-stats:<id>}. A round reads all its hosts with one {@code MGET}
 * (split per slot by the client on Redis Cluster).
 */
public class RedisHostRepository implements HostRepository {

	private static final LuaScript STATS = LuaScript.load("host_stats.lua", ScriptOutputType.INTEGER);

	/** Hosts whose last parsed announce is remembered: re-parsing the same JSON every round is wasted work. */
	private static final int PARSED_LIMIT = 20_000;

	private final RedisLink redis;

	private final JsonMapper json;

	private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

	public RedisHostRepository(RedisLink redis, JsonMapper json) {
		this.redis = redis;
		this.json = json;
	}

	@Override
	public Mono<Void> save(HostRecord host, Duration ttl) {
		byte[] value = json.writeValueAsBytes(host);
		var announce = host.announce();
		SetArgs expiry = SetArgs.Builder.ex(ttl);
		return Mono.when(redis.mono((c) -> c.set(RedisKeys.host(host.hostId()), value, expiry)),
				redis.mono((c) -> c.set(RedisKeys.hostAddress(announce.ip(), announce.port()),
						RedisLink.bytes(host.hostId()), expiry)));
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
		String[] keys = new String[ids.size() * 2];
		for (int i = 0; i < ids.size(); i++) {
			keys[i] = RedisKeys.host(ids.get(i));
			keys[ids.size() + i] = RedisKeys.hostStats(ids.get(i));
		}
		return redis.flux((c) -> c.mget(keys)).collectList().map((values) -> {
			Map<String, HostEntry> hosts = new HashMap<>(ids.size() * 2);
			for (int i = 0; i < ids.size(); i++) {
				KeyValue<String, byte[]> announce = values.get(i);
				KeyValue<String, byte[]> stats = values.get(ids.size() + i);
				hosts.put(ids.get(i),
						new HostEntry(announce.hasValue() ? parse(ids.get(i), Replies.str(announce.getValue())) : null,
								HostStats.parse(stats.hasValue() ? Replies.str(stats.getValue()) : null)));
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
			.then();
	}

	@Override
	public Mono<HostStats> stats(String hostId) {
		return redis.mono((c) -> c.get(RedisKeys.hostStats(hostId))).map((value) -> HostStats.parse(Replies.str(value)))
			.defaultIfEmpty(HostStats.EMPTY);
	}

	@Override
	public Mono<Void> recordUploads(String hostId, long ok, long failed, List<Long> costs, Duration ttl) {
		List<String> args = new ArrayList<>(3 + costs.size());
		args.add(Long.toString(Math.max(1, ttl.toSeconds())));
		args.add(Long.toString(ok));
		args.add(Long.toString(failed));
		for (Long cost : costs) {
			args.add(Long.toString(cost));
		}
		return redis.eval(STATS, new String[] { RedisKeys.hostStats(hostId) }, args).then();
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
