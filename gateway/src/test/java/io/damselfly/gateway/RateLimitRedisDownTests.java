package io.damselfly.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.damselfly.gateway.ratelimit.RateLimitConfiguration;
import io.damselfly.testsupport.security.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway with its Redis gone (nothing listens on the configured port): the rate limiter fails open, so
 * a burst far past the bucket is served, each call says it went unchecked, the metric counts them, and the
 * log has one WARN rather than an ERROR per call. Redis has no say in the gateway's health.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class RateLimitRedisDownTests {

	static final StandInManager manager = new StandInManager();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + closedPort());
		registry.add("damselfly.manager.url", manager::url);
		registry.add("damselfly.security.jwk-set-uri", () -> TestTokens.shared().jwkSetUri());
		registry.add("damselfly.security.token-uri", () -> TestTokens.shared().url() + "/api/v1/auth/token");
		registry.add("damselfly.security.join-secret", () -> "test-gateway-secret");
		registry.add("damselfly.gateway.rate-limit.replenish-rate", () -> "1");
		registry.add("damselfly.gateway.rate-limit.burst-capacity", () -> "3");
	}

	@Autowired
	WebTestClient web;

	@Autowired
	MeterRegistry meters;

	@AfterAll
	static void stopManager() {
		manager.close();
	}

	@Test
	void withoutRedisABurstPastTheBucketIsServedAndReportedOnce(CapturedOutput output) {
		double before = unchecked();
		for (int i = 0; i < 8; i++) {
			web.get().uri("/api/v1/clusters/default/config")
				.header("Authorization", TestTokens.shared().bearer("admin"))
				.exchange()
				.expectStatus().isOk()
				.expectHeader().valueEquals("X-RateLimit-Remaining", "-1");
		}
		assertThat(manager.clusterCalls()).isEqualTo(8);
		assertThat(unchecked() - before).isEqualTo(8);
		assertThat(output.getOut()).doesNotContain("Error calling rate limiter lua");
		assertThat(output.getOut().split("Rate limiting is off while Redis does not answer", -1))
			.as("one WARN for the burst").hasSize(2);
		web.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(HttpStatus.OK);
		web.get().uri("/actuator/health").header("Authorization", TestTokens.shared().bearer("admin")).exchange()
			.expectBody().jsonPath("$.components.redis").doesNotExist()
			.jsonPath("$.components.schedulers").exists();
	}

	private double unchecked() {
		return meters.get(RateLimitConfiguration.UNCHECKED_METER).functionCounter().count();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
