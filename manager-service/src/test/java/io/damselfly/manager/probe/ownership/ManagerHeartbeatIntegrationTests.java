package io.damselfly.manager.probe.ownership;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.damselfly.redis.RedisEndpoint;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two managers on one real Redis: each sees the other through its heartbeat, every node is probed by
 * exactly one of them, and when one leaves, the other owns every node.
 */
class ManagerHeartbeatIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	static LettuceConnectionFactory factory;

	static ReactiveStringRedisTemplate redis;

	@BeforeAll
	static void connect() {
		RedisEndpoint endpoint = TestRedis.get();
		factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(endpoint.host(), endpoint.port()));
		factory.afterPropertiesSet();
		factory.start();
		redis = new ReactiveStringRedisTemplate(factory);
	}

	@AfterAll
	static void disconnect() {
		factory.destroy();
	}

	@Test
	void twoManagersSplitTheNodesAndTheSurvivorTakesThemAll() {
		String run = Long.toString(System.nanoTime(), 36);
		// A clock the test moves, so a slow machine cannot age a heartbeat out between two beats.
		java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());
		Clock clock = new Clock() {

			@Override
			public java.time.ZoneId getZone() {
				return java.time.ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public java.time.Instant instant() {
				return java.time.Instant.ofEpochMilli(now.get());
			}

		};
		ManagerHeartbeat one = new ManagerHeartbeat(redis, "one-" + run, Duration.ofMillis(500), Duration.ofSeconds(2),
				clock);
		ManagerHeartbeat two = new ManagerHeartbeat(redis, "two-" + run, Duration.ofMillis(500), Duration.ofSeconds(2),
				clock);
		one.beat().block(TIMEOUT);
		two.beat().block(TIMEOUT);
		one.beat().block(TIMEOUT);
		assertThat(one.live()).contains(one.self(), two.self());
		assertThat(two.live()).contains(one.self(), two.self());

		List<String> nodes = IntStream.range(0, 40).mapToObj((i) -> "seed-" + i).toList();
		long byOne = nodes.stream().filter(one::owns).count();
		long byTwo = nodes.stream().filter(two::owns).count();
		assertThat(nodes).allSatisfy((node) -> assertThat(one.owns(node)).isNotEqualTo(two.owns(node)));
		assertThat(byOne).isPositive();
		assertThat(byTwo).isPositive();

		// "two" is killed: no more heartbeats. Once its last one is older than live-for, "one" owns everything.
		now.addAndGet(2500);
		Set<String> live = one.beat().block(TIMEOUT);
		assertThat(live).doesNotContain(two.self());
		assertThat(nodes).allSatisfy((node) -> assertThat(one.owns(node)).isTrue());
		one.stop();
	}

	@Test
	void ownershipOfANodeMovesOnlyWhenItsOwnerLeaves() {
		Set<String> three = Set.of("a", "b", "c");
		List<String> nodes = IntStream.range(0, 60).mapToObj((i) -> "node-" + i).toList();
		for (String node : nodes) {
			String owner = ProbeOwnership.owner(node, three, "a");
			for (String gone : three) {
				Set<String> left = new java.util.HashSet<>(three);
				left.remove(gone);
				String after = ProbeOwnership.owner(node, left, "a");
				if (!gone.equals(owner)) {
					assertThat(after).as(node + " when " + gone + " leaves").isEqualTo(owner);
				}
			}
		}
	}

}
