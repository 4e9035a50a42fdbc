package io.damselfly.manager.registry.state;

import java.time.Instant;

import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeTouchTests {

	private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

	@Test
	void unknownNodeIsRegistered() {
		assertThat(KeepaliveOutcome.of(false, false)).isEqualTo(KeepaliveOutcome.REGISTERED);
	}

	@Test
	void knownNodeWhoseKeepaliveRanOutHasReturned() {
		assertThat(KeepaliveOutcome.of(true, false)).isEqualTo(KeepaliveOutcome.RETURNED);
	}

	@Test
	void knownLiveNodeIsRefreshed() {
		assertThat(KeepaliveOutcome.of(true, true)).isEqualTo(KeepaliveOutcome.REFRESHED);
	}

	@Test
	void reRegisteringUnderAnotherClusterIsAMove() {
		assertThat(touch("c2", "c1").movedCluster()).isTrue();
	}

	@Test
	void sameClusterOrNoPreviousRecordIsNoMove() {
		assertThat(touch("c1", "c1").movedCluster()).isFalse();
		assertThat(touch("c1", null).movedCluster()).isFalse();
	}

	private static NodeTouch touch(String cluster, String previousCluster) {
		NodeRecord record = new NodeRecord("scheduler-h-1", NodeType.SCHEDULER, cluster, "http://h:1", "h", 1, null,
				null, NodeState.ACTIVE, null, NOW, NOW, NOW, NOW.plusSeconds(10));
		return new NodeTouch(record, previousCluster != null, true, previousCluster, null);
	}

}
