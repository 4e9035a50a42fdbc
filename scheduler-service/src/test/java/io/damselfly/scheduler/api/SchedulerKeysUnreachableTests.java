package io.damselfly.scheduler.api;

import io.damselfly.redis.LocalRedisServer;
import io.damselfly.testsupport.redis.TestRedis;
import io.damselfly.testsupport.security.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduler that cannot fetch the managers' public keys cannot verify any token: that is the managers
 * being unreachable, so callers get a 503 problem to retry, neither a 500 nor a 401 that would make them
 * throw away a good token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "damselfly.node.register=false", "damselfly.manager.url=http://127.0.0.1:9",
				"damselfly.manager.timeout=300ms" })
@AutoConfigureWebTestClient(timeout = "30s")
class SchedulerKeysUnreachableTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
		int nobody = LocalRedisServer.freePort();
		registry.add("damselfly.security.jwk-set-uri", () -> "http://127.0.0.1:" + nobody + "/api/v1/auth/jwks");
		registry.add("damselfly.security.join-secret", () -> "test-scheduler-secret");
	}

	@Autowired
	WebTestClient web;

	@Test
	void aTokenThatCannotBeVerifiedForWantOfKeysIsA503Problem() {
		web.get().uri("/api/v1/tasks/{id}", "0".repeat(64))
			.header("Authorization", TestTokens.shared().bearer("admin"))
			.exchange()
			.expectStatus().isEqualTo(503)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail)
				.contains("cannot verify the token now"));
		web.get().uri("/api/v1/tasks/{id}", "0".repeat(64)).exchange().expectStatus().isUnauthorized();
	}

}
