package io.damselfly.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.common.node.Node;
import io.damselfly.gateway.discovery.SchedulerDirectory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.damselfly.testsupport.redis.TestRedis;
import io.damselfly.testsupport.security.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway in full, over real HTTP: a stand-in manager and two stand-in schedulers run as real
 * servers on loopback, and the gateway learns the schedulers only from the manager's list.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class GatewayRoutingTest {

	private static final String TASK = "/api/v1/tasks/" + "ab".repeat(32);

	private static final String SCRAPE_TOKEN = "test-gateway-scrape-token";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	static final StandInManager manager = new StandInManager();

	static final StandInScheduler alpha = new StandInScheduler("alpha");

	static final StandInScheduler beta = new StandInScheduler("beta");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestRedis.register(registry);
		registry.add("damselfly.manager.url", manager::url);
		// Security on: the gateway verifies tokens from, and asks its own token of, the stand-in issuer.
		registry.add("damselfly.security.jwk-set-uri", () -> TestTokens.shared().jwkSetUri());
		registry.add("damselfly.security.token-uri", () -> TestTokens.shared().url() + "/api/v1/auth/token");
		registry.add("damselfly.security.join-secret", () -> "test-gateway-secret");
		registry.add("damselfly.security.metrics-token", () -> SCRAPE_TOKEN);
		registry.add("damselfly.gateway.refresh-interval", () -> "100ms");
		registry.add("damselfly.manager.node-list.stale-after", () -> "1s");
		registry.add("damselfly.manager.node-list.expire-after", () -> "3s");
		registry.add("damselfly.gateway.routes.manager.attempt-timeout", () -> "400ms");
		registry.add("damselfly.gateway.routes.manager.timeout", () -> "3s");
		registry.add("damselfly.gateway.routes.schedulers.attempt-timeout", () -> "400ms");
		registry.add("damselfly.gateway.routes.schedulers.timeout", () -> "3s");
		registry.add("damselfly.gateway.breaker.sliding-window-size", () -> "6");
		registry.add("damselfly.gateway.breaker.minimum-number-of-calls", () -> "6");
		registry.add("damselfly.gateway.breaker.failure-rate-threshold", () -> "100");
		registry.add("damselfly.gateway.breaker.wait-duration-in-open-state", () -> "60s");
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

	@Autowired
	CircuitBreakerRegistry breakers;

	@BeforeEach
	void resetStandIns() {
		manager.reset();
		alpha.reset();
		beta.reset();
		breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		listAndAwait(alpha.node(), beta.node());
		alpha.reset();
		beta.reset();
	}

	@AfterAll
	static void stopStandIns() {
		manager.close();
		alpha.close();
		beta.close();
	}

	@Test
	void managerRoutePassesMethodPathQueryAndBodyThrough() {
		web.get().uri("/api/v1/nodes?type=SCHEDULER&state=ACTIVE&probe=gw").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.length()").isEqualTo(2).jsonPath("$[0].id").isEqualTo(alpha.id());
		assertThat(manager.nodeQueries()).contains("type=SCHEDULER&state=ACTIVE&probe=gw");

		Map<String, Object> put = web.put().uri("/api/v1/clusters/default/config?dryRun=true")
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"retryLimit\":7}").exchange()
			.expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
		assertThat(put).containsEntry("servedBy", "manager").containsEntry("method", "PUT")
			.containsEntry("path", "/api/v1/clusters/default/config").containsEntry("query", "dryRun=true")
			.containsEntry("body", "{\"retryLimit\":7}");

		Map<String, Object> post = web.post().uri("/api/v1/nodes/scheduler-x/keepalive").exchange()
			.expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
		assertThat(post).containsEntry("method", "POST").containsEntry("path", "/api/v1/nodes/scheduler-x/keepalive");
	}

	@Test
	void schedulerRouteSpreadsCallsOverBothActiveSchedulers() {
		List<String> servedBy = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			servedBy.add(getServedBy(TASK));
		}
		assertThat(servedBy).contains("alpha", "beta");
		assertThat(alpha.calls()).isPositive();
		assertThat(beta.calls()).isPositive();
	}

	@Test
	void schedulerRemovedFromManagerListStopsReceivingTrafficWithinRefreshInterval() {
		manager.listSchedulers(alpha.node());
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
			.until(() -> ids(directory).equals(List.of(alpha.id())));
		int betaCalls = beta.calls();
		for (int i = 0; i < 6; i++) {
			assertThat(getServedBy("/api/v1/peers/peer-1/schedule")).isEqualTo("alpha");
		}
		assertThat(beta.calls()).isEqualTo(betaCalls);
	}

	@Test
	void getIsRetriedOnTheOtherSchedulerWhenOneAnswers503() {
		alpha.failing(true);
		for (int i = 0; i < 6; i++) {
			assertThat(getServedBy(TASK)).isEqualTo("beta");
		}
		assertThat(alpha.calls()).as("round robin sent some first attempts to alpha").isPositive();
		assertThat(beta.calls()).isEqualTo(6);
	}

	@Test
	void getIsRetriedOnTheOtherSchedulerWhenOneIsDown() throws IOException {
		listAndAwait(StandInManager.scheduler("down", closedPort()), beta.node());
		for (int i = 0; i < 6; i++) {
			assertThat(getServedBy("/api/v1/hosts/host-1")).isEqualTo("beta");
		}
	}

	@Test
	void postIsRetriedOnlyWhenTheConnectionWasRefused() throws IOException {
		listAndAwait(StandInManager.scheduler("down", closedPort()), beta.node());
		for (int i = 0; i < 4; i++) {
			Map<String, Object> answer = web.post().uri("/api/v1/peers").contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"peerId\":\"p" + i + "\"}").exchange().expectStatus().isOk().expectBody(JSON)
				.returnResult().getResponseBody();
			assertThat(answer).containsEntry("servedBy", "beta").containsEntry("body", "{\"peerId\":\"p" + i + "\"}");
		}

		listAndAwait(alpha.node(), beta.node());
		alpha.reset();
		beta.reset();
		alpha.failing(true);
		int unavailable = 0;
		for (int i = 0; i < 6; i++) {
			HttpStatus status = (HttpStatus) web.post().uri("/api/v1/peers").bodyValue("{}").exchange()
				.returnResult(String.class).getStatus();
			unavailable += (status == HttpStatus.SERVICE_UNAVAILABLE) ? 1 : 0;
		}
		assertThat(unavailable).as("a POST that reached a failing scheduler is not replayed").isPositive()
			.isEqualTo(alpha.calls());
		assertThat(beta.calls()).isEqualTo(6 - unavailable);
	}

	@Test
	void noActiveSchedulerAnswers503ProblemAtOnce() {
		listAndAwait();
		long start = System.nanoTime();
		ProblemDetail problem = web.get().uri(TASK).exchange()
			.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(ProblemDetail.class).returnResult().getResponseBody();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		assertThat(problem).isNotNull();
		assertThat(problem.getType()).isEqualTo(ProblemTypes.UNAVAILABLE);
		assertThat(problem.getDetail()).isEqualTo("no active scheduler: the manager lists none for cluster default");
		assertThat(elapsed).as("answered without waiting for a timeout").isLessThan(Duration.ofSeconds(3));
		assertThat(alpha.calls() + beta.calls()).isZero();
	}

	@Test
	void routeBreakerOpensAfterRepeatedFailuresAndAnswers503Problem() {
		manager.clusterMode(StandInManager.Mode.FAIL);
		for (int i = 0; i < 6; i++) {
			web.get().uri("/api/v1/clusters/default/config").exchange()
				.expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
				.expectBody(JSON).value((body) -> assertThat(body).containsEntry("servedBy", "manager"));
		}
		int callsBeforeOpen = manager.clusterCalls();
		assertThat(callsBeforeOpen).as("each GET was tried three times").isEqualTo(18);

		ProblemDetail problem = web.get().uri("/api/v1/clusters/default/config").exchange()
			.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(ProblemDetail.class).returnResult().getResponseBody();
		assertThat(problem).isNotNull();
		assertThat(problem.getType()).isEqualTo(ProblemTypes.UNAVAILABLE);
		assertThat(problem.getDetail()).contains("'route:manager' is OPEN");
		assertThat(manager.clusterCalls()).as("an open breaker does not call the manager").isEqualTo(callsBeforeOpen);
		assertThat(breakers.circuitBreaker("route:schedulers").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(getServedBy(TASK)).isIn("alpha", "beta");
	}

	@Test
	void upstreamThatDoesNotAnswerGives504Problem() {
		manager.clusterMode(StandInManager.Mode.SLOW);
		ProblemDetail problem = web.get().uri("/api/v1/clusters/default/config").exchange()
			.expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(ProblemDetail.class).returnResult().getResponseBody();
		assertThat(problem).isNotNull();
		assertThat(problem.getType()).isEqualTo(ProblemTypes.TIMEOUT);
		assertThat(problem.getDetail()).startsWith("manager at " + manager.url() + " did not answer in time");
	}

	@Test
	void bothRoutesAreRateLimitedAtTheDefaultRate() {
		for (String path : List.of("/api/v1/clusters/default/config", TASK)) {
			web.get().uri(path).exchange().expectStatus().isOk()
				.expectHeader().valueEquals("X-RateLimit-Replenish-Rate", "100")
				.expectHeader().valueEquals("X-RateLimit-Burst-Capacity", "200")
				.expectHeader().value("X-RateLimit-Remaining", (remaining) -> assertThat(Integer.parseInt(remaining))
					.as("checked in Redis, not let through unchecked (-1)").isBetween(0, 199));
		}
	}

	@Test
	void unknownPathAnswers404Problem() {
		web.get().uri("/api/v1/nothing-here").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND.toString());
	}

	@Test
	void healthShowsTheSchedulerPoolAndReadinessIsUp() {
		web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
		web.get().uri("/actuator/health").exchange().expectStatus().isOk()
			.expectBody()
			.jsonPath("$.components.schedulers.status").isEqualTo("UP")
			.jsonPath("$.components.schedulers.details.schedulers.length()").isEqualTo(2);
		web.get().uri("/actuator/metrics/resilience4j.circuitbreaker.state?tag=name:route:schedulers").exchange()
			.expectStatus().isOk();
	}

	private String getServedBy(String path) {
		Map<String, Object> body = web.get().uri(path).exchange().expectStatus().isOk().expectBody(JSON).returnResult()
			.getResponseBody();
		assertThat(body).isNotNull();
		return String.valueOf(body.get("servedBy"));
	}

	private void listAndAwait(Node... nodes) {
		manager.listSchedulers(nodes);
		List<String> expected = java.util.Arrays.stream(nodes).map(Node::id).sorted().toList();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
			.until(() -> ids(directory).equals(expected) && (expected.isEmpty() != directory.view().available()));
	}

	private static List<String> ids(SchedulerDirectory directory) {
		return directory.view().instances().stream().map(ServiceInstance::getInstanceId).toList();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Autowired
	PrometheusMeterRegistry prometheus;

	@Test
	void routedCallsAreTimedPerRouteAndEveryMeterIsOnePrometheusTakes() {
		List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
		prometheus.config().onMeterRegistrationFailed((id, reason) -> refused.add(id.getName() + ": " + reason));
		getServedBy(TASK);
		getServedBy(TASK);
		String scrape = web.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN).exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

		assertThat(scrape).containsPattern("spring_cloud_gateway_requests_seconds_count\\{[^}]*routeId=\"schedulers\"");
		// The directory's calls to the manager, by WebClient.
		assertThat(scrape).containsPattern("http_client_requests_seconds_count\\{[^}]*client_name=\"127.0.0.1\"");
		// The gateway's own observation of a routed call is a second http.client.requests with other tag
		// keys, which Prometheus refuses (with a WARN) on every routed call.
		assertThat(refused).isEmpty();
	}

	@Test
	void openApiIsServedByTheGatewayItself() {
		// The first description is built on demand by scanning the context: slow on a loaded machine.
		web.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build().get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
			.jsonPath("$.openapi").isNotEmpty()
			.jsonPath("$.components.schemas.ProblemDetail").exists();
	}

}
