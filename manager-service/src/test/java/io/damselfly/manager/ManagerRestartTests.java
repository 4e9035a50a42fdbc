package io.damselfly.manager;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.damselfly.common.cluster.ClusterConfig;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.common.error.ProblemTypes;
import io.damselfly.redis.LocalRedisServer;
import io.damselfly.testsupport.redis.TestRedis;
import org.junit.jupiter.api.Test;

import io.damselfly.manager.auth.TokenIssuer;
import io.damselfly.service.security.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whole managers started and stopped like processes, to show the registry keeps nothing in memory and
 * fails closed while Redis is away.
 */
class ManagerRestartTests {

	private static final ParameterizedTypeReference<List<Node>> NODES = new ParameterizedTypeReference<>() {
	};

	@Test
	void restartedManagerServesTheNodesAndConfigOfThePreviousOne() {
		String redisUrl = TestRedis.get().url();
		String cluster = "restart-" + UUID.randomUUID().toString().substring(0, 8);
		int port = 20_000 + (int) (Math.random() * 10_000);
		ClusterConfig config = new ClusterConfig(9, null, null, null, null, null, null, null, null, null, null);
		Node registered;

		try (ConfigurableApplicationContext first = start(redisUrl)) {
			WebTestClient web = client(first);
			registered = web.post().uri("/api/v1/nodes")
				.bodyValue(new NodeRegistration(NodeType.SEED_PEER, cluster, "127.0.0.1", port, "idc-r", null))
				.exchange().expectStatus().isCreated()
				.expectBody(Node.class).returnResult().getResponseBody();
			web.put().uri("/api/v1/clusters/{id}/config", cluster).bodyValue(config).exchange().expectStatus().isOk();
		}
		assertThat(registered).isNotNull();

		try (ConfigurableApplicationContext second = start(redisUrl)) {
			WebTestClient web = client(second);
			List<Node> nodes = web.get().uri("/api/v1/nodes?cluster={c}", cluster).exchange()
				.expectStatus().isOk().expectBody(NODES).returnResult().getResponseBody();
			assertThat(nodes).singleElement().satisfies((node) -> {
				assertThat(node.id()).isEqualTo(registered.id());
				assertThat(node.registeredAt()).isEqualTo(registered.registeredAt());
				assertThat(node.idc()).isEqualTo("idc-r");
				assertThat(node.state()).isEqualTo(NodeState.ACTIVE);
			});
			web.post().uri("/api/v1/nodes/{id}/keepalive", registered.id()).exchange().expectStatus().isOk();
			web.get().uri("/api/v1/clusters/{id}/config", cluster).exchange()
				.expectStatus().isOk()
				.expectBody(ClusterConfig.class).isEqualTo(config);
		}
	}

	@Test
	void redisOutageIsAServiceUnavailableProblemAndReadinessDownUntilRedisReturns() {
		try (LocalRedisServer redis = LocalRedisServer.onFreePort().start();
				ConfigurableApplicationContext manager = start(redis.endpoint().url())) {
			WebTestClient web = client(manager);
			web.get().uri("/api/v1/nodes").exchange().expectStatus().isOk();

			redis.stop();

			web.get().uri("/api/v1/nodes").exchange()
				.expectStatus().isEqualTo(503)
				.expectBody()
				.jsonPath("$.type").isEqualTo(ProblemTypes.UNAVAILABLE.toString())
				.jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith("state storage (Redis)"));
			web.get().uri("/actuator/health/readiness").exchange()
				.expectStatus().isEqualTo(503)
				.expectBody().jsonPath("$.components.redis.status").isEqualTo("DOWN");
			web.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

			redis.start();

			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(
					() -> web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());
			web.post().uri("/api/v1/nodes")
				.bodyValue(new NodeRegistration(NodeType.SCHEDULER, "outage", "127.0.0.1", 8082, null, null))
				.exchange().expectStatus().isCreated();
		}
	}

	private static ConfigurableApplicationContext start(String redisUrl) {
		return new SpringApplicationBuilder(ManagerApplication.class, OwnNettyResources.class).run("--server.port=0",
				"--spring.data.redis.url=" + redisUrl, "--spring.jmx.enabled=false", "--damselfly.probe.enabled=false");
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		Integer port = context.getEnvironment().getProperty("local.server.port", Integer.class);
		String admin = context.getBean(TokenIssuer.class).issue(Role.ADMIN, "test-admin", Duration.ofMinutes(10)).token();
		return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30))
			.defaultHeader("Authorization", "Bearer " + admin).build();
	}

}
