package io.damselfly.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.gateway.discovery.SchedulerDirectory;
import io.damselfly.testsupport.redis.TestRedis;
import io.damselfly.testsupport.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway with its manager down (nothing listens on the manager's port): both routes answer a 503
 * problem that names the manager, at once, and the gateway itself stays ready.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ManagerDownTest {

	static final String MANAGER_URL = "http://127.0.0.1:" + closedPort();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
		registry.add("damselfly.manager.url", () -> MANAGER_URL);
		// Security on: the gateway verifies tokens from, and asks its own token of, the stand-in issuer.
		registry.add("damselfly.security.jwk-set-uri", () -> TestTokens.shared().jwkSetUri());
		registry.add("damselfly.security.token-uri", () -> TestTokens.shared().url() + "/api/v1/auth/token");
		registry.add("damselfly.security.join-secret", () -> "test-gateway-secret");
		registry.add("damselfly.gateway.refresh-interval", () -> "100ms");
	}

	@Autowired
	WebTestClient web;

	/** Calls carry an admin token, relayed by the gateway to the stand-ins. */
	@BeforeEach
	void carryAnAdminToken() {
		web = web.mutate().defaultHeader("Authorization", TestTokens.shared().bearer("admin")).build();
	}

	@Autowired
	SchedulerDirectory directory;

	@BeforeEach
	void awaitFirstFailedListing() {
		await().atMost(Duration.ofSeconds(5)).until(() -> directory.unreachableSince() != null);
	}

	@Test
	void schedulerCallAnswers503SayingTheManagerIsUnreachable() {
		ProblemDetail problem = web.get().uri("/api/v1/tasks/" + "0".repeat(64)).exchange()
			.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(ProblemDetail.class).returnResult().getResponseBody();
		assertThat(problem).isNotNull();
		assertThat(problem.getType()).isEqualTo(ProblemTypes.UNAVAILABLE);
		assertThat(problem.getDetail())
			.startsWith("no active scheduler: cannot reach the manager at " + MANAGER_URL + " to list the schedulers"
					+ " of cluster default");
	}

	@Test
	void managerCallAnswers503SayingItCannotConnect() {
		ProblemDetail problem = web.get().uri("/api/v1/nodes").exchange()
			.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(ProblemDetail.class).returnResult().getResponseBody();
		assertThat(problem).isNotNull();
		assertThat(problem.getType()).isEqualTo(ProblemTypes.UNAVAILABLE);
		assertThat(problem.getDetail()).startsWith("cannot connect to manager at " + MANAGER_URL);
	}

	@Test
	void gatewayStaysReadyWhileHealthShowsTheSchedulerPoolDown() {
		web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
		web.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectBody()
			.jsonPath("$.components.schedulers.status").isEqualTo("DOWN")
			.jsonPath("$.components.schedulers.details.reason").value(
					(reason) -> assertThat(reason.toString()).contains("cannot reach the manager at " + MANAGER_URL));
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
