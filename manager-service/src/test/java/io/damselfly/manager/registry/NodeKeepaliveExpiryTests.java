package io.damselfly.manager.registry;

import java.time.Duration;
import java.util.List;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import io.damselfly.manager.registry.state.NodeStates;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Keepalive expiry with a 1 s TTL: Redis expires the alive key, nothing sweeps. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "damselfly.registry.keepalive-ttl=1s")
class NodeKeepaliveExpiryTests extends ManagerIntegrationTestSupport {

	private static final ParameterizedTypeReference<List<Node>> NODES = new ParameterizedTypeReference<>() {
	};

	@Test
	void nodeThatStopsKeepingAliveBecomesInactiveAndAKeepaliveBringsItBack() {
		String cluster = uniqueCluster();
		Node registered = register(NodeType.SCHEDULER, cluster, uniquePort());
		assertThat(registered.state()).isEqualTo(NodeState.ACTIVE);

		Node inactive = awaitState(registered.id(), NodeState.INACTIVE);

		assertThat(inactive.reason()).isEqualTo(NodeStates.KEEPALIVE_EXPIRED);
		assertThat(inactive.since()).isEqualTo(registered.lastSeenAt().plus(Duration.ofSeconds(1)));
		assertThat(inactive.lastSeenAt()).isEqualTo(registered.lastSeenAt());
		assertThat(list("/api/v1/nodes?state=INACTIVE&cluster=" + cluster)).extracting(Node::id)
			.containsExactly(registered.id());
		assertThat(list("/api/v1/nodes?state=ACTIVE&cluster=" + cluster)).isEmpty();

		Node back = web.post().uri("/api/v1/nodes/{id}/keepalive", registered.id()).exchange()
			.expectStatus().isOk()
			.expectBody(Node.class).returnResult().getResponseBody();

		assertThat(back).isNotNull();
		assertThat(back.state()).isEqualTo(NodeState.ACTIVE);
		assertThat(back.reason()).isNull();
		assertThat(back.since()).as("it entered ACTIVE anew").isEqualTo(back.lastSeenAt()).isAfter(inactive.since());
		assertThat(back.registeredAt()).isEqualTo(registered.registeredAt());
		assertThat(list("/api/v1/nodes?state=ACTIVE&cluster=" + cluster)).extracting(Node::id)
			.containsExactly(registered.id());
	}

	@Test
	void reRegisteringAfterExpiryKeepsTheFirstRegistrationTime() {
		String cluster = uniqueCluster();
		int port = uniquePort();
		Node registered = register(NodeType.SEED_PEER, cluster, port);
		awaitState(registered.id(), NodeState.INACTIVE);

		Node again = web.post().uri("/api/v1/nodes")
			.bodyValue(new NodeRegistration(NodeType.SEED_PEER, cluster, "127.0.0.1", port, null, null))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Node.class).returnResult().getResponseBody();

		assertThat(again).isNotNull();
		assertThat(again.state()).isEqualTo(NodeState.ACTIVE);
		assertThat(again.registeredAt()).isEqualTo(registered.registeredAt());
	}

	private Node awaitState(String id, NodeState state) {
		return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
			.until(() -> getNode(id), (node) -> node.state() == state);
	}

	private List<Node> list(String uri) {
		List<Node> nodes = web.get().uri(uri).exchange().expectStatus().isOk().expectBody(NODES).returnResult()
			.getResponseBody();
		assertThat(nodes).isNotNull();
		return nodes;
	}

}
