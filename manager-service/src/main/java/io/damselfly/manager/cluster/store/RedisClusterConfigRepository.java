package io.damselfly.manager.cluster.store;

import io.damselfly.common.cluster.ClusterConfig;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * {@link ClusterConfigRepository} on Redis: one JSON string per cluster at
 * {@code damselfly:cluster:{<clusterId>}:config}, without TTL. JSON rather than hash fields because the
 * config is always read and replaced whole; a field added to {@link ClusterConfig} later reads as its
 * default from an older value.
 */
public class RedisClusterConfigRepository implements ClusterConfigRepository {

	private final ReactiveStringRedisTemplate redis;

	private final JsonMapper json;

	public RedisClusterConfigRepository(ReactiveStringRedisTemplate redis, JsonMapper json) {
		this.redis = redis;
		this.json = json;
	}

	public static String key(String clusterId) {
		return "damselfly:cluster:{" + clusterId + "}:config";
	}

	@Override
	public Mono<ClusterConfig> find(String clusterId) {
		return redis.opsForValue().get(key(clusterId)).map((value) -> json.readValue(value, ClusterConfig.class));
	}

	@Override
	public Mono<ClusterConfig> save(String clusterId, ClusterConfig config) {
		return Mono.fromCallable(() -> json.writeValueAsString(config))
			.flatMap((value) -> redis.opsForValue().set(key(clusterId), value))
			.thenReturn(config);
	}

}
