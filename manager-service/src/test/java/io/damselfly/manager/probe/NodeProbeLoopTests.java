package io.damselfly.manager.probe;

import java.time.Duration;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.manager.ManagerApplication;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import io.damselfly.manager.OwnNettyResources;
import io.damselfly.redis.LocalRedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The probe loop of a whole manager, started like a process, through a Redis outage. */
class NodeProbeLoopTests {

	@Test
	void probingGoesOnAfterRedisWasAwayForSeveralRounds() {
		try (LocalRedisServer redis = LocalRedisServer.onFreePort().start();
				ReadinessStandIn seed = ReadinessStandIn.start();
				ConfigurableApplicationContext manager = start(redis.endpoint().url())) {
			WebTestClient web = ManagerIntegrationTestSupport.adminClient(manager);
			NodeProbeLoop loop = manager.getBean(NodeProbeLoop.class);
			assertThat(loop.isRunning()).isTrue();

			redis.stop();
			// Several rounds fail while Redis is away; the loop must outlive them.
			await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(loop::isRunning);
			redis.start();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(
					() -> web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk());

			Node node = web.post().uri("/api/v1/nodes").bodyValue(seed.registration("outage")).exchange()
				.expectStatus().is2xxSuccessful().expectBody(Node.class).returnResult().getResponseBody();
			assertThat(node).isNotNull();
			seed.diskFull();

			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> web.get()
				.uri("/api/v1/nodes/{id}", node.id()).exchange().expectStatus().isOk()
				.expectBody().jsonPath("$.state").isEqualTo(NodeState.EJECTED.name())
				.jsonPath("$.reason").isEqualTo("diskSpace: used 91% > 85%"));
		}
	}

	private static ConfigurableApplicationContext start(String redisUrl) {
		return new SpringApplicationBuilder(ManagerApplication.class, OwnNettyResources.class).run("--server.port=0",
				"--spring.data.redis.url=" + redisUrl, "--spring.jmx.enabled=false", "--damselfly.probe.interval=200ms",
				"--damselfly.probe.timeout=150ms", "--damselfly.probe.wait-in-open=500ms");
	}


}
