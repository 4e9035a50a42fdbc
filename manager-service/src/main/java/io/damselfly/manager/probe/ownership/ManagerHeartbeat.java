package io.damselfly.manager.probe.ownership;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.damselfly.service.lifecycle.PeriodicTask;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * This manager's heartbeat and its view of the live managers. Every interval it writes its id with the
 * current time as score into one sorted set ({@value #KEY}; one key, so one slot on Redis Cluster and no
 * scan of the keyspace), drops members older than {@code liveFor}, and reads the rest back. The set itself
 * expires if every manager stops. On a clean shutdown the manager removes itself, so its nodes move at
 * once; a killed one drops out after {@code liveFor}.
 * <p>
 * Fail-static: while Redis cannot be reached the last view is kept (no state can be stored then anyway,
 * so probing pauses in the probe loop, not here).
 */
public class ManagerHeartbeat implements SmartLifecycle {

	/** The sorted set of live managers: member = manager id, score = its last heartbeat (epoch ms). */
	public static final String KEY = "damselfly:managers";

	private static final Logger logger = LoggerFactory.getLogger(ManagerHeartbeat.class);

	private final ReactiveStringRedisTemplate redis;

	private final String self;

	private final Duration interval;

	private final Duration liveFor;

	private final Clock clock;

	private final AtomicReference<Set<String>> live;

	private final PeriodicTask loop;

	public ManagerHeartbeat(ReactiveStringRedisTemplate redis, String self, Duration interval, Duration liveFor,
			Clock clock) {
		this.redis = redis;
		this.self = self;
		this.interval = interval;
		this.liveFor = liveFor;
		this.clock = clock;
		this.live = new AtomicReference<>(Set.of(self));
		this.loop = PeriodicTask.atFixedRate("manager heartbeat", Duration.ZERO, interval, () -> beat()
			.subscribeOn(Schedulers.boundedElastic())
			// Fail-static: keep the last view while Redis is away; the probe loop pauses by itself then.
			.onErrorResume(DataAccessException.class, (ex) -> Mono.empty())
			.onErrorResume(RedisException.class, (ex) -> Mono.empty())).manualStart();
	}

	public String self() {
		return self;
	}

	/** The managers alive at the last heartbeat, this one included. */
	public Set<String> live() {
		return live.get();
	}

	/** True when this manager probes the node now. */
	public boolean owns(String nodeId) {
		return ProbeOwnership.owns(self, nodeId, live.get());
	}

	/** Writes the heartbeat and reads the live managers, in one batch of pipelined commands. */
	public Mono<Set<String>> beat() {
		long now = clock.millis();
		long oldest = now - liveFor.toMillis();
		return redis.opsForZSet().add(KEY, self, now)
			.then(redis.opsForZSet().removeRangeByScore(KEY, Range.closed(Double.NEGATIVE_INFINITY, (double) oldest - 1)))
			.then(redis.expire(KEY, liveFor.multipliedBy(10)))
			.thenMany(redis.opsForZSet().rangeByScore(KEY, Range.closed((double) oldest, Double.POSITIVE_INFINITY)))
			.collect(LinkedHashSet<String>::new, Set::add)
			.map((members) -> {
				members.add(self);
				Set<String> now2 = Set.copyOf(members);
				Set<String> before = live.getAndSet(now2);
				if (!before.equals(now2)) {
					logger.info("Live managers now {} (was {}); this one is {}", now2, before, self);
				}
				return now2;
			});
	}

	@Override
	public void start() {
		loop.start();
	}

	@Override
	public void stop() {
		loop.stop();
		try {
			redis.opsForZSet().remove(KEY, self).block(Duration.ofSeconds(2));
		}
		// Shutting down anyway: the heartbeat then ages out after live-for, as a killed manager's does.
		catch (DataAccessException | RedisException | IllegalStateException ex) {
			logger.debug("Could not remove this manager's heartbeat on shutdown: {}", ex.toString());
		}
	}

	@Override
	public boolean isRunning() {
		return loop.isRunning();
	}

}
