package io.damselfly.scheduler.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.damselfly.scheduler.host.HostBreakerProperties;
import io.damselfly.scheduler.host.HostBreaker;
import io.damselfly.scheduler.host.HostStats;
import io.damselfly.scheduler.state.HostRepository.HostEntry;
import io.damselfly.scheduler.state.HostRepository.HostOutcomes;
import io.damselfly.scheduler.state.HostRepository.ProbationGrant;
import io.damselfly.redis.RedisEndpoint;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code host_outcomes.lua} and {@code host_probation.lua} on a real Redis do exactly what their
 * Java model ({@link HostBreaker#apply}, {@link HostBreaker#grant}, {@link HostStats}) does, over
 * random reports and probation requests: every scheduler instance then reads the same breaker.
 */
class HostBreakerScriptTests {

	/** Small thresholds, so random sequences open, probe, close and reopen often. */
	private static final HostBreakerProperties SETTINGS = new HostBreakerProperties(8, 3, 50, 2, Duration.ofMillis(1000),
			2, 2, Duration.ofMillis(1500), Duration.ofHours(1));

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	static LettuceConnectionFactory factory;

	static RedisLink redis;

	static RedisHostRepository hosts;

	@BeforeAll
	static void connect() {
		RedisEndpoint endpoint = TestRedis.get();
		factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(endpoint.host(), endpoint.port()));
		factory.afterPropertiesSet();
		factory.start();
		redis = new RedisLink(factory);
		redis.start();
		hosts = new RedisHostRepository(redis, JsonMapper.builder().build(), SETTINGS);
	}

	@AfterAll
	static void disconnect() {
		redis.stop();
		factory.destroy();
	}

	@Test
	void theScriptsFollowTheJavaModelOverRandomReportsAndProbationRequests() {
		Random random = new Random(20_251_125L);
		int transitions = 0;
		for (int h = 0; h < 12; h++) {
			String hostId = "parity-" + UUID.randomUUID();
			HostBreaker model = HostBreaker.CLOSED;
			HostStats stats = HostStats.EMPTY;
			long now = 1_700_000_000_000L;
			for (int step = 0; step < 60; step++) {
				now += random.nextInt(700);
				if (random.nextInt(5) == 0) {
					String child = "child-" + random.nextInt(4);
					HostBreaker.Grant expected = model.grant(child, now, SETTINGS.halfOpenPermits(),
							SETTINGS.probationTimeout().toMillis());
					ProbationGrant actual = hosts.grantProbation(hostId, child, now).block(TIMEOUT);
					assertThat(actual).isEqualTo(new ProbationGrant(expected.granted(), expected.children()));
					model = expected.after();
				}
				else {
					String codes = outcomes(random);
					HostOutcomes outcomes = outcomesOf(codes);
					HostBreaker.Update expected = model.apply(codes, now, SETTINGS);
					HostBreaker.Update actual = hosts.recordOutcomes(hostId, outcomes, Duration.ofHours(1), now)
						.block(TIMEOUT);
					assertThat(actual).as("host %s step %d outcomes %s", hostId, step, codes).isEqualTo(expected);
					transitions += expected.transitions().length();
					model = expected.after();
					stats = stats.withUploads(outcomes.ok(), outcomes.failed());
					for (Long cost : outcomes.costs()) {
						stats = stats.withCost(cost);
					}
				}
				HostEntry stored = hosts.findAll(List.of(hostId)).block(TIMEOUT).get(hostId);
				assertThat(stored.breaker()).isEqualTo(model);
				assertThat(stored.stats()).isEqualTo(stats);
			}
		}
		assertThat(transitions).as("the random walk exercised the transitions").isGreaterThan(20);
	}

	private static String outcomes(Random random) {
		String alphabet = "SSSSSTRDI";
		StringBuilder codes = new StringBuilder();
		for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
			codes.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return codes.toString();
	}

	private static HostOutcomes outcomesOf(String codes) {
		List<Long> costs = new ArrayList<>();
		long failed = 0;
		for (int i = 0; i < codes.length(); i++) {
			if (codes.charAt(i) == 'S') {
				costs.add(5L + i * 3L);
			}
			else {
				failed++;
			}
		}
		return new HostOutcomes(costs.size(), failed, costs, codes);
	}

}
