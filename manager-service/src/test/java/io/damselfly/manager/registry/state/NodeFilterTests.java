package io.damselfly.manager.registry.state;

import java.time.Instant;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeFilterTests {

	private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

	private final Node activeSeedOfC1 = node(NodeType.SEED_PEER, NodeState.ACTIVE, "c1");

	@Test
	void emptyFilterMatchesEverything() {
		assertThat(NodeFilter.ALL.matches(activeSeedOfC1)).isTrue();
	}

	@Test
	void everyGivenComponentMustMatch() {
		assertThat(new NodeFilter(NodeType.SEED_PEER, NodeState.ACTIVE, "c1").matches(activeSeedOfC1)).isTrue();
		assertThat(new NodeFilter(NodeType.SCHEDULER, null, null).matches(activeSeedOfC1)).isFalse();
		assertThat(new NodeFilter(null, NodeState.INACTIVE, null).matches(activeSeedOfC1)).isFalse();
		assertThat(new NodeFilter(null, null, "c2").matches(activeSeedOfC1)).isFalse();
		assertThat(new NodeFilter(NodeType.SEED_PEER, NodeState.ACTIVE, "c2").matches(activeSeedOfC1)).isFalse();
	}

	private static Node node(NodeType type, NodeState state, String cluster) {
		return new Node("seed-h-1", type, cluster, "http://h:1", "h", 1, null, null, state, null, NOW, NOW, NOW);
	}

}
