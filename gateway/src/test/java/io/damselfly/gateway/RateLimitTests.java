package io.damselfly.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.gateway.ratelimit.FailOpenReport;
import io.damselfly.gateway.ratelimit.FailOpenRedisRateLimiter;
import io.damselfly.gateway.ratelimit.RateLimitProperties;
import io.damselfly.testsupport.redis.TestRedis;
import io.damselfly.testsupport.security.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limit over real HTTP, with a real Redis: a caller that bursts past its bucket gets 429 problems
 * with {@code Retry-After} and the {@code X-RateLimit-*} headers, and the refused calls never reach the
 * manager, while other callers (another subject, or the same subject with another role) are still served.
 * Each test uses fresh subjects, so buckets left by another test (or test class) sharing the Redis never
 * count.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RateLimitTests {

	private static final String CONFIG = "/api/v1/clusters/default/config";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final StandInManager manager = new StandInManager();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
		registry.add("damselfly.manager.url", manager::url);
		registry.add("damselfly.security.jwk-set-uri", () -> TestTokens.shared().jwkSetUri());
		registry.add("damselfly.security.token-uri", () -> TestTokens.shared().url() + "/api/v1/auth/token");
		registry.add("damselfly.security.join-secret", () -> "test-gateway-secret");
		// A bucket of 3 that gains 1 a second: the fourth call of a quick burst is refused.
		registry.add("damselfly.gateway.rate-limit.replenish-rate", () -> "1");
		registry.add("damselfly.gateway.rate-limit.burst-capacity", () -> "3");
		// Every decision is counted, however slow a loaded machine is: no call passes unchecked on a timeout.
		registry.add("damselfly.gateway.rate-limit.timeout", () -> "5s");
	}

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@BeforeEach
	void resetManager() {
		manager.reset();
	}

	@AfterAll
	static void stopManager() {
		manager.close();
	}

	@Test
	void aBurstPastTheBucketGets429ProblemsThatNeverReachTheManager() {
		String subject = fresh("burst");
		List<EntityExchangeResult<byte[]>> results = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			results.add(call("admin", subject, CONFIG));
		}
		assertThat(results.subList(0, 3)).as("a rested bucket holds 3 calls")
			.allSatisfy((r) -> assertThat(r.getStatus()).isEqualTo(HttpStatus.OK));
		assertThat(results.get(0).getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("2");
		List<EntityExchangeResult<byte[]>> refused = results.stream()
			.filter((r) -> r.getStatus() == HttpStatus.TOO_MANY_REQUESTS).toList();
		assertThat(refused).as("at most one token comes back during the burst").hasSizeGreaterThanOrEqualTo(2);
		assertThat(manager.clusterCalls()).as("refused calls are not forwarded").isEqualTo(6 - refused.size());

		EntityExchangeResult<byte[]> first = refused.get(0);
		HttpHeaders headers = first.getResponseHeaders();
		assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(headers.getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(headers.getFirst("X-RateLimit-Burst-Capacity")).isEqualTo("3");
		assertThat(headers.getFirst("X-RateLimit-Replenish-Rate")).isEqualTo("1");
		assertThat(headers.getFirst("X-RateLimit-Requested-Tokens")).isEqualTo("1");
		JsonNode problem = JSON.readTree(first.getResponseBodyContent());
		assertThat(problem.path("type").asString()).isEqualTo(ProblemTypes.TOO_MANY_REQUESTS.toString());
		assertThat(problem.path("title").asString()).isEqualTo("Too Many Requests");
		assertThat(problem.path("status").asInt()).isEqualTo(429);
		assertThat(problem.path("detail").asString()).isEqualTo("caller admin:" + subject
				+ " sent more calls to the manager route than its limit of 1 a second (bursts up to 3); retry after 1 s");
		assertThat(problem.path("instance").asString()).isEqualTo(CONFIG);
	}

	@Test
	void anotherCallerIsServedWhileOneIsRefused() {
		String subject = fresh("noisy");
		// The refusal itself is drain's last call: a call after it could cross a whole second, which the
		// bucket script (it counts Redis's TIME in whole seconds) pays back with one token.
		drain("admin", subject);

		assertThat(call("admin", fresh("quiet"), CONFIG).getStatus()).as("another subject").isEqualTo(HttpStatus.OK);
		assertThat(call("peer", subject, CONFIG).getStatus()).as("the same subject under another role")
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void everyReplicaDrawsOnTheSameBucketInRedis() {
		// A second gateway replica: its own limiter, the same Redis, the same limits. Built first, so that
		// little time passes between the drain and its call.
		FailOpenRedisRateLimiter replica = new FailOpenRedisRateLimiter(context.getBean(RateLimitProperties.class),
				new FailOpenReport(Duration.ofSeconds(30), System::nanoTime));
		replica.setApplicationContext(context);
		String subject = fresh("shared");
		drain("admin", subject);
		String key = "caller:admin:" + subject;
		assertThat(redis.hasKey("request_rate_limiter.{manager." + key + "}.tokens").block()).isTrue();

		RateLimiter.Response answer = replica.isAllowed("manager", key).block(Duration.ofSeconds(5));
		assertThat(answer).isNotNull();
		// The bucket script counts Redis's TIME in whole seconds, so a second boundary between the drain and
		// this call pays back one token, and the call may pass on it; either way nothing is left after it. A
		// bucket of this replica's own would still hold 2.
		assertThat(answer.getHeaders().get(replica.getRemainingHeader()))
			.as("the other replica already spent this caller's bucket").isEqualTo("0");
		if (answer.isAllowed()) {
			assertThat(replica.isAllowed("manager", key).block(Duration.ofSeconds(5)))
				.as("the one token a second boundary paid back is spent").extracting(RateLimiter.Response::isAllowed)
				.isEqualTo(false);
		}
		assertThat(replica.isAllowed("manager", "caller:admin:" + fresh("other")).block(Duration.ofSeconds(5)))
			.extracting(RateLimiter.Response::isAllowed).isEqualTo(true);
	}

	/** Spends the caller's bucket on the manager route: calls until one is refused. */
	private void drain(String role, String subject) {
		for (int i = 0; i < 10; i++) {
			if (call(role, subject, CONFIG).getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
				return;
			}
		}
		throw new AssertionError("10 calls in a row were allowed by a bucket of 3 that gains 1 a second");
	}

	private EntityExchangeResult<byte[]> call(String role, String subject, String path) {
		return web.get().uri(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.shared().token(role, subject, Duration.ofMinutes(5)))
			.exchange().expectBody().returnResult();
	}

	private static String fresh(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
