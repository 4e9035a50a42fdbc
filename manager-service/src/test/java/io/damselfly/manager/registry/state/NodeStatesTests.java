package io.damselfly.manager.registry.state;

import java.time.Instant;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeStatesTests {

	private static final Instant REGISTERED = Instant.parse("2025-01-01T10:00:00Z");

	private static final Instant SINCE = Instant.parse("2025-01-01T10:05:00Z");

	private static final Instant LAST_SEEN = Instant.parse("2025-01-01T10:10:00Z");

	private static final Instant EXPIRES = LAST_SEEN.plusSeconds(10);

	@Test
	void aliveActiveNodeIsServedActiveWithoutReason() {
		Node node = NodeStates.derive(record(NodeState.ACTIVE, null), true);

		assertThat(node.state()).isEqualTo(NodeState.ACTIVE);
		assertThat(node.reason()).isNull();
		assertThat(node.since()).isEqualTo(SINCE);
		assertThat(node.registeredAt()).isEqualTo(REGISTERED);
		assertThat(node.lastSeenAt()).isEqualTo(LAST_SEEN);
	}

	@Test
	void activeNodeDropsAStaleReasonLeftInTheRecord() {
		Node node = NodeStates.derive(record(NodeState.ACTIVE, "diskSpace: used 91% > 85%"), true);

		assertThat(node.reason()).isNull();
	}

	@Test
	void expiredKeepaliveMakesNodeInactiveSinceTheKeepaliveRanOut() {
		Node node = NodeStates.derive(new StoredNode(record(NodeState.ACTIVE, null), false));

		assertThat(node.state()).isEqualTo(NodeState.INACTIVE);
		assertThat(node.reason()).isEqualTo(NodeStates.KEEPALIVE_EXPIRED);
		assertThat(node.since()).isEqualTo(EXPIRES);
		assertThat(node.lastSeenAt()).isEqualTo(LAST_SEEN);
	}

	@Test
	void inactiveWinsOverAStoredEjection() {
		Node node = NodeStates.derive(record(NodeState.EJECTED, "diskSpace: used 91% > 85%"), false);

		assertThat(node.state()).isEqualTo(NodeState.INACTIVE);
		assertThat(node.reason()).isEqualTo(NodeStates.KEEPALIVE_EXPIRED);
	}

	@Test
	void aliveEjectedNodeKeepsTheProbersStateReasonAndTime() {
		Node node = NodeStates.derive(record(NodeState.EJECTED, "diskSpace: used 91% > 85%"), true);

		assertThat(node.state()).isEqualTo(NodeState.EJECTED);
		assertThat(node.reason()).isEqualTo("diskSpace: used 91% > 85%");
		assertThat(node.since()).isEqualTo(SINCE);
	}

	@Test
	void derivedNodeCarriesTheRegistrationFields() {
		Node node = NodeStates.derive(record(NodeState.ACTIVE, null), true);

		assertThat(node).extracting(Node::id, Node::type, Node::clusterId, Node::url, Node::host, Node::port,
				Node::idc, Node::location)
			.containsExactly("seed-10.0.0.1-8090", NodeType.SEED_PEER, "c1", "http://10.0.0.1:8090", "10.0.0.1", 8090,
					"idc-a", "eu|fr");
	}

	private static NodeRecord record(NodeState state, String reason) {
		return new NodeRecord("seed-10.0.0.1-8090", NodeType.SEED_PEER, "c1", "http://10.0.0.1:8090", "10.0.0.1",
				8090, "idc-a", "eu|fr", state, reason, SINCE, REGISTERED, LAST_SEEN, EXPIRES);
	}

}
