package io.damselfly.manager.registry.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import io.damselfly.manager.registry.state.NodeStateChange;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The prober's state writes on the real Redis store, and how registrations and keepalives leave them. */
class NodeStateWriteTests extends ManagerIntegrationTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String DISK = "diskSpace: used 91% > 85%";

	@Autowired
	private NodeRepository repository;

	@Autowired
	private ReactiveStringRedisTemplate redis;

	@Test
	void ejectingAnActiveNodeStoresStateReasonAndSinceAndReportsWhatItWas() {
		String cluster = uniqueCluster();
		Node node = register(NodeType.SEED_PEER, cluster, uniquePort());
		Instant at = now();

		NodeStateChange change = repository.changeState(node.id(), NodeState.EJECTED, DISK, at).block(WAIT);

		assertThat(change).isEqualTo(new NodeStateChange(node.id(), NodeType.SEED_PEER, cluster, node.url(),
				NodeState.ACTIVE, node.since(), NodeState.EJECTED, DISK, at));
		Node stored = getNode(node.id());
		assertThat(stored.state()).isEqualTo(NodeState.EJECTED);
		assertThat(stored.reason()).isEqualTo(DISK);
		assertThat(stored.since()).isEqualTo(at);
		assertThat(stored.registeredAt()).isEqualTo(node.registeredAt());
		assertThat(stored.lastSeenAt()).isEqualTo(node.lastSeenAt());
	}

	@Test
	void writingTheStateANodeIsAlreadyInChangesNothing() {
		Node node = register(NodeType.SCHEDULER, uniqueCluster(), uniquePort());
		Instant first = now();
		repository.changeState(node.id(), NodeState.EJECTED, DISK, first).block(WAIT);

		NodeStateChange again = repository.changeState(node.id(), NodeState.EJECTED, "probe failed: connection refused",
				first.plusSeconds(2)).block(WAIT);

		assertThat(again).isNull();
		assertThat(getNode(node.id())).extracting(Node::reason, Node::since).containsExactly(DISK, first);
	}

	@Test
	void readmissionRemovesTheReason() {
		Node node = register(NodeType.SEED_PEER, uniqueCluster(), uniquePort());
		repository.changeState(node.id(), NodeState.EJECTED, DISK, now()).block(WAIT);

		repository.changeState(node.id(), NodeState.ACTIVE, null, now()).block(WAIT);

		assertThat(redis.opsForHash().hasKey(NodeKeys.record(node.id()), NodeHash.REASON).block(WAIT)).isFalse();
		assertThat(getNode(node.id()).state()).isEqualTo(NodeState.ACTIVE);
	}

	@Test
	void stateWriteForANodeThatIsGoneCreatesNoHalfRecord() {
		Node node = register(NodeType.SEED_PEER, uniqueCluster(), uniquePort());
		web.delete().uri("/api/v1/nodes/{id}", node.id()).exchange().expectStatus().isNoContent();

		NodeStateChange change = repository.changeState(node.id(), NodeState.EJECTED, DISK, now()).block(WAIT);

		assertThat(change).isNull();
		assertThat(redis.hasKey(NodeKeys.record(node.id())).block(WAIT)).isFalse();
	}

	@Test
	void stateWriteKeepsTheRecordTtl() {
		Node node = register(NodeType.SEED_PEER, uniqueCluster(), uniquePort());

		repository.changeState(node.id(), NodeState.EJECTED, DISK, now()).block(WAIT);

		assertThat(redis.getExpire(NodeKeys.record(node.id())).block(WAIT)).isPositive();
	}

	@Test
	void keepaliveAndReRegistrationLeaveAnEjectedNodeEjected() {
		String cluster = uniqueCluster();
		int port = uniquePort();
		Node node = register(NodeType.SEED_PEER, cluster, port);
		Instant ejectedAt = now();
		repository.changeState(node.id(), NodeState.EJECTED, DISK, ejectedAt).block(WAIT);

		Node kept = web.post().uri("/api/v1/nodes/{id}/keepalive", node.id()).exchange().expectStatus().isOk()
			.expectBody(Node.class).returnResult().getResponseBody();
		Node again = register(new NodeRegistration(NodeType.SEED_PEER, cluster, "127.0.0.1", port, "idc-b", null));

		assertThat(kept).isNotNull();
		assertThat(kept).extracting(Node::state, Node::reason, Node::since)
			.containsExactly(NodeState.EJECTED, DISK, ejectedAt);
		assertThat(again).extracting(Node::state, Node::reason, Node::since, Node::idc)
			.containsExactly(NodeState.EJECTED, DISK, ejectedAt, "idc-b");
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
