package io.damselfly.manager.job.store;

import java.time.Duration;
import java.util.List;

import io.damselfly.manager.job.Job;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Jobs in Redis: the job as JSON under {@code df:job:<id>} (with a TTL), the ids of unfinished jobs in
 * the set {@code df:jobs:unfinished}, and each claim under {@code df:job-claim:<id>}, set with
 * {@code SET NX PX} and renewed or released only by a script that checks the owner, so a manager never
 * extends or drops another's claim.
 */
public class RedisJobRepository implements JobRepository {

	static final String UNFINISHED = "df:jobs:unfinished";

	private static final RedisScript<Long> RENEW = RedisScript.of(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0",
			Long.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of(
			"if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final JsonMapper json;

	public RedisJobRepository(ReactiveStringRedisTemplate redis, JsonMapper json) {
		this.redis = redis;
		this.json = json;
	}

	static String key(String id) {
		return "df:job:" + id;
	}

	static String claimKey(String id) {
		return "df:job-claim:" + id;
	}

	@Override
	public Mono<Void> save(Job job, Duration ttl) {
		Mono<Long> index = job.state().finished() ? redis.opsForSet().remove(UNFINISHED, job.id())
				: redis.opsForSet().add(UNFINISHED, job.id());
		return redis.opsForValue().set(key(job.id()), json.writeValueAsString(job), ttl).then(index).then();
	}

	@Override
	public Mono<Job> find(String id) {
		return redis.opsForValue().get(key(id)).map((text) -> json.readValue(text, Job.class));
	}

	@Override
	public Flux<String> unfinished() {
		return redis.opsForSet().members(UNFINISHED);
	}

	@Override
	public Mono<Void> forget(String id) {
		return redis.opsForSet().remove(UNFINISHED, id).then();
	}

	@Override
	public Mono<Boolean> claim(String id, String owner, Duration ttl) {
		return redis.opsForValue().setIfAbsent(claimKey(id), owner, ttl);
	}

	@Override
	public Mono<Boolean> renew(String id, String owner, Duration ttl) {
		return redis.execute(RENEW, List.of(claimKey(id)), List.of(owner, Long.toString(ttl.toMillis())))
			.next()
			.map((renewed) -> renewed == 1L)
			.defaultIfEmpty(false);
	}

	@Override
	public Mono<Void> release(String id, String owner) {
		return redis.execute(RELEASE, List.of(claimKey(id)), List.of(owner)).then();
	}

}
