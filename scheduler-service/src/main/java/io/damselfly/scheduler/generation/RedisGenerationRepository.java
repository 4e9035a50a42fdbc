package io.damselfly.scheduler.generation;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.damselfly.common.task.UrlGeneration;
import io.damselfly.scheduler.state.RedisLink;
import io.lettuce.core.SetArgs;
import reactor.core.publisher.Mono;

/**
 * {@code df:url:{baseId}:generation}, a string {@code validatedAtMillis|taskId|validator} with the task
 * TTL. One key per URL under the URL's own hash tag; the last confirmed generation wins, and an old one
 * needs no cleanup: its task keys expire by their own TTL once no peer asks for it.
 */
public class RedisGenerationRepository implements GenerationRepository {

	private final RedisLink redis;

	public RedisGenerationRepository(RedisLink redis) {
		this.redis = redis;
	}

	static String key(String baseId) {
		return "df:url:{" + baseId + "}:generation";
	}

	@Override
	public Mono<Void> record(UrlGeneration g, Duration ttl) {
		byte[] value = RedisLink.bytes(g.validatedAt().toEpochMilli() + "|" + g.taskId() + "|" + g.validator());
		return redis.mono((c) -> c.set(key(g.baseId()), value, SetArgs.Builder.px(Math.max(1, ttl.toMillis())))).then();
	}

	@Override
	public Mono<UrlGeneration> find(String baseId) {
		return redis.mono((c) -> c.get(key(baseId))).flatMap((raw) -> {
			String[] parts = new String(raw, StandardCharsets.UTF_8).split("\\|", 3);
			if (parts.length != 3) {
				return Mono.empty();
			}
			return Mono.just(new UrlGeneration(baseId, parts[1], parts[2],
					Instant.ofEpochMilli(Long.parseLong(parts[0]))));
		});
	}

}
