package io.damselfly.manager.registry.api;

import java.util.List;

import io.damselfly.common.error.ProblemTypes;
import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import io.damselfly.manager.registry.store.NodeKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class NodeRegistryApiTests extends ManagerIntegrationTestSupport {

	private static final ParameterizedTypeReference<List<Node>> NODES = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private ReactiveStringRedisTemplate redis;

	@Test
	void firstRegistrationCreatesAnActiveNodeWithTheRegistrationFields() {
		String cluster = uniqueCluster();
		int port = uniquePort();
		NodeRegistration registration = new NodeRegistration(NodeType.SEED_PEER, cluster, "127.0.0.1", port, "idc-a",
				"eu|fr|paris");

		Node node = web.post().uri("/api/v1/nodes").bodyValue(registration).exchange()
			.expectStatus().isCreated()
			.expectHeader().valueEquals(HttpHeaders.LOCATION, "/api/v1/nodes/seed-127.0.0.1-" + port)
			.expectBody(Node.class).returnResult().getResponseBody();

		assertThat(node).isNotNull();
		assertThat(node.id()).isEqualTo(registration.nodeId()).isEqualTo("seed-127.0.0.1-" + port);
		assertThat(node).extracting(Node::type, Node::clusterId, Node::url, Node::host, Node::port, Node::idc,
				Node::location, Node::state)
			.containsExactly(NodeType.SEED_PEER, cluster, "http://127.0.0.1:" + port, "127.0.0.1", port, "idc-a",
					"eu|fr|paris", NodeState.ACTIVE);
		assertThat(node.reason()).isNull();
		assertThat(node.lastSeenAt()).isEqualTo(node.registeredAt());
		assertThat(node.since()).isEqualTo(node.registeredAt());
		assertThat(getNode(node.id())).isEqualTo(node);
	}

	@Test
	void registeringAgainIsIdempotentAndKeepsTheFirstRegistrationTime() throws InterruptedException {
		String cluster = uniqueCluster();
		int port = uniquePort();
		Node first = register(new NodeRegistration(NodeType.SCHEDULER, cluster, "127.0.0.1", port, "idc-a", "eu"));
		Thread.sleep(20);

		Node again = web.post().uri("/api/v1/nodes")
			.bodyValue(new NodeRegistration(NodeType.SCHEDULER, cluster, "127.0.0.1", port, null, "us"))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Node.class).returnResult().getResponseBody();

		assertThat(again).isNotNull();
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(again.registeredAt()).isEqualTo(first.registeredAt());
		assertThat(again.since()).isEqualTo(first.since());
		assertThat(again.lastSeenAt()).isAfter(first.lastSeenAt());
		assertThat(again.state()).isEqualTo(NodeState.ACTIVE);
		assertThat(again.idc()).as("a dropped optional field is removed").isNull();
		assertThat(again.location()).isEqualTo("us");
		assertThat(list("/api/v1/nodes?cluster=" + cluster)).extracting(Node::id).containsExactly(first.id());
	}

	@Test
	void nodeServingTlsIsListedAtItsHttpsUrlAndKeepsItsId() {
		int port = uniquePort();
		Node node = register(new NodeRegistration(NodeType.SEED_PEER, uniqueCluster(), "127.0.0.1", port, null, null,
				"https"));

		assertThat(node.url()).isEqualTo("https://127.0.0.1:" + port);
		assertThat(node.id()).isEqualTo("seed-127.0.0.1-" + port);
		assertThat(getNode(node.id()).url()).isEqualTo(node.url());
	}

	@Test
	void registrationWithAnUnknownSchemeIsABadRequest() {
		web.post().uri("/api/v1/nodes").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"type\":\"SCHEDULER\",\"host\":\"127.0.0.1\",\"port\":" + uniquePort()
					+ ",\"scheme\":\"ftp\"}")
			.exchange()
			.expectStatus().isBadRequest();
	}

	@Test
	void registrationWithoutClusterJoinsTheDefaultCluster() {
		Node node = register(new NodeRegistration(NodeType.SCHEDULER, null, "127.0.0.1", uniquePort(), null, null));

		assertThat(node.clusterId()).isEqualTo(NodeRegistration.DEFAULT_CLUSTER);
		assertThat(list("/api/v1/nodes?cluster=default")).extracting(Node::id).contains(node.id());
	}

	@Test
	void keepaliveRefreshesLastSeenAndKeepsTheRest() throws InterruptedException {
		Node node = register(NodeType.SCHEDULER, uniqueCluster(), uniquePort());
		Thread.sleep(20);

		Node kept = web.post().uri("/api/v1/nodes/{id}/keepalive", node.id()).exchange()
			.expectStatus().isOk()
			.expectBody(Node.class).returnResult().getResponseBody();

		assertThat(kept).isNotNull();
		assertThat(kept.lastSeenAt()).isAfter(node.lastSeenAt());
		assertThat(kept.registeredAt()).isEqualTo(node.registeredAt());
		assertThat(kept.since()).isEqualTo(node.since());
		assertThat(kept.state()).isEqualTo(NodeState.ACTIVE);
	}

	@Test
	void keepaliveOfANodeNeverRegisteredIsANotFoundProblem() {
		web.post().uri("/api/v1/nodes/{id}/keepalive", "scheduler-10.9.9.9-" + uniquePort()).exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND.toString())
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).contains("is not registered"));
	}

	@Test
	void getOfAnUnknownNodeIsNotFound() {
		web.get().uri("/api/v1/nodes/{id}", "seed-10.9.9.9-" + uniquePort()).exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND.toString());
	}

	@Test
	void deletedNodeIsGoneFromGetKeepaliveAndListing() {
		String cluster = uniqueCluster();
		Node node = register(NodeType.SEED_PEER, cluster, uniquePort());

		web.delete().uri("/api/v1/nodes/{id}", node.id()).exchange().expectStatus().isNoContent();

		web.get().uri("/api/v1/nodes/{id}", node.id()).exchange().expectStatus().isNotFound();
		web.post().uri("/api/v1/nodes/{id}/keepalive", node.id()).exchange().expectStatus().isNotFound();
		assertThat(list("/api/v1/nodes?cluster=" + cluster)).isEmpty();
		web.delete().uri("/api/v1/nodes/{id}", node.id()).exchange().expectStatus().isNoContent();
	}

	@Test
	void listingFiltersByTypeStateAndClusterAndSortsById() {
		String cluster = uniqueCluster();
		String other = uniqueCluster();
		Node seedB = register(NodeType.SEED_PEER, cluster, uniquePort());
		Node schedulerA = register(NodeType.SCHEDULER, cluster, uniquePort());
		Node seedC = register(NodeType.SEED_PEER, cluster, uniquePort());
		Node elsewhere = register(NodeType.SCHEDULER, other, uniquePort());

		assertThat(list("/api/v1/nodes?cluster=" + cluster)).extracting(Node::id)
			.containsExactly(schedulerA.id(), seedB.id(), seedC.id());
		assertThat(list("/api/v1/nodes?type=SEED_PEER&cluster=" + cluster)).extracting(Node::id)
			.containsExactly(seedB.id(), seedC.id());
		assertThat(list("/api/v1/nodes?type=scheduler&state=ACTIVE&cluster=" + cluster)).extracting(Node::id)
			.containsExactly(schedulerA.id());
		assertThat(list("/api/v1/nodes?state=INACTIVE&cluster=" + cluster)).isEmpty();
		assertThat(list("/api/v1/nodes?state=ACTIVE&cluster=" + other)).extracting(Node::id)
			.containsExactly(elsewhere.id());

		List<Node> schedulers = list("/api/v1/nodes?type=SCHEDULER");
		assertThat(schedulers).extracting(Node::id).contains(schedulerA.id(), elsewhere.id())
			.doesNotContain(seedB.id(), seedC.id());
		assertThat(schedulers).extracting(Node::id).isSorted();
		assertThat(list("/api/v1/nodes")).extracting(Node::id).contains(schedulerA.id(), seedB.id(), seedC.id(),
				elsewhere.id());
	}

	@Test
	void badEnumFilterIsABadRequestNamingTheParameterAndTheValues() {
		web.get().uri("/api/v1/nodes?type=PEER").exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.type").isEqualTo(ProblemTypes.INVALID_REQUEST.toString())
			.jsonPath("$.detail").isEqualTo("type must be one of SCHEDULER, SEED_PEER, got 'PEER'");
		web.get().uri("/api/v1/nodes?state=DEAD&cluster=c1").exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.detail").isEqualTo("state must be one of ACTIVE, PROBING, EJECTED, INACTIVE, got 'DEAD'");
		web.get().uri("/api/v1/nodes?cluster={c}", "no}way").exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith("cluster id must be"));
	}

	@Test
	void nodeReRegisteredUnderAnotherClusterMovesThere() {
		String from = uniqueCluster();
		String to = uniqueCluster();
		int port = uniquePort();
		Node before = register(NodeType.SEED_PEER, from, port);

		Node after = register(NodeType.SEED_PEER, to, port);

		assertThat(after.id()).isEqualTo(before.id());
		assertThat(after.clusterId()).isEqualTo(to);
		assertThat(list("/api/v1/nodes?cluster=" + from)).isEmpty();
		assertThat(list("/api/v1/nodes?cluster=" + to)).extracting(Node::id).containsExactly(before.id());
	}

	@Test
	void listingPrunesIndexEntriesWhoseRecordExpired() {
		String cluster = uniqueCluster();
		Node gone = register(NodeType.SEED_PEER, cluster, uniquePort());
		Node kept = register(NodeType.SEED_PEER, cluster, uniquePort());
		redis.delete(NodeKeys.record(gone.id()), NodeKeys.alive(gone.id())).block();

		assertThat(list("/api/v1/nodes?cluster=" + cluster)).extracting(Node::id).containsExactly(kept.id());
		assertThat(redis.opsForSet().members(NodeKeys.clusterNodes(cluster)).collectList().block())
			.containsExactly(kept.id());
	}

	@Test
	void partialRecordLeftByAStateWriteIsNotListedAndTheNodeMustRegisterAgain() {
		String cluster = uniqueCluster();
		Node node = register(NodeType.SEED_PEER, cluster, uniquePort());
		redis.delete(NodeKeys.record(node.id()), NodeKeys.alive(node.id())).block();
		redis.opsForSet().add(NodeKeys.clusterNodes(cluster), node.id()).block();
		redis.opsForHash().put(NodeKeys.record(node.id()), "state", "EJECTED").block();

		assertThat(list("/api/v1/nodes?cluster=" + cluster)).isEmpty();
		web.post().uri("/api/v1/nodes/{id}/keepalive", node.id()).exchange().expectStatus().isNotFound();
		Node again = web.post().uri("/api/v1/nodes")
			.bodyValue(new NodeRegistration(NodeType.SEED_PEER, cluster, "127.0.0.1", node.port(), null, null))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(Node.class).returnResult().getResponseBody();
		assertThat(again).isNotNull();
		assertThat(again.state()).as("a stale stored state does not survive a fresh registration")
			.isEqualTo(NodeState.ACTIVE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a..b", "-leading-dash", "under_score{tag}", "x:y" })
	void malformedNodeIdIsABadRequestNeverAServerError(String id) {
		web.get().uri("/api/v1/nodes/{id}", id).exchange().expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value((String detail) -> assertThat(detail).startsWith("node id must be"));
		web.post().uri("/api/v1/nodes/{id}/keepalive", id).exchange().expectStatus().isBadRequest();
		web.delete().uri("/api/v1/nodes/{id}", id).exchange().expectStatus().isBadRequest();
	}

	@Test
	void overlongNodeIdIsABadRequest() {
		web.get().uri("/api/v1/nodes/{id}", "n".repeat(129)).exchange().expectStatus().isBadRequest();
	}

	private List<Node> list(String uri) {
		List<Node> nodes = web.get().uri(uri).exchange().expectStatus().isOk().expectBody(NODES).returnResult()
			.getResponseBody();
		assertThat(nodes).isNotNull();
		return nodes;
	}

}
