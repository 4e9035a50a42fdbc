package io.damselfly.manager.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import io.damselfly.manager.OwnNettyResources;
import io.damselfly.manager.probe.transition.NodeEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The active probe against real HTTP stand-ins for seed peers, with the probe scaled down tenfold from
 * its defaults (300 ms rounds instead of 2 s). Bounds are derived from the configured settings, the way
 * {@link ProbeProperties} derives the 5 s and 30 s targets from the defaults, plus slack for a loaded
 * machine. The context is closed after the class, so its prober never probes other tests' nodes.
 */
@TestPropertySource(properties = { "damselfly.probe.enabled=true", "damselfly.probe.interval=300ms",
		"damselfly.probe.timeout=200ms", "damselfly.probe.wait-in-open=750ms" })
@Import(OwnNettyResources.class)
@DirtiesContext
class NodeProbeEjectionTests extends ManagerIntegrationTestSupport {

	private static final ParameterizedTypeReference<List<Node>> NODES = new ParameterizedTypeReference<>() {
	};

	private static final Duration SLACK = Duration.ofSeconds(3);

	private static final String DISK_REASON = "diskSpace: used 91% > 85%";

	@Autowired
	private ProbeProperties probe;

	@Autowired
	private ReactiveStringRedisTemplate redis;

	@Autowired
	private JsonMapper json;

	@Autowired
	private CircuitBreakerRegistry breakers;

	private final Queue<NodeEvent> events = new ConcurrentLinkedQueue<>();

	private Disposable subscription = () -> {
	};

	private final ReadinessStandIn seed = ReadinessStandIn.start();

	private final List<String> registered = new CopyOnWriteArrayList<>();

	@BeforeEach
	void listenToNodeEvents() {
		var messages = redis.listenToLater(ChannelTopic.of(NodeEvent.CHANNEL)).block(Duration.ofSeconds(10));
		assertThat(messages).isNotNull();
		subscription = messages.subscribe((message) -> events.add(json.readValue(message.getMessage(), NodeEvent.class)));
	}

	/** Deleted, not left to expire, so the prober stops probing them before the next test. */
	@AfterEach
	void stop() {
		subscription.dispose();
		registered.forEach((id) -> web.delete().uri("/api/v1/nodes/{id}", id).exchange().expectStatus().isNoContent());
		seed.close();
	}

	@Override
	protected Node register(NodeRegistration registration) {
		Node node = super.register(registration);
		registered.add(node.id());
		return node;
	}

	@Test
	void sickSeedIsEjectedWithItsHealthReasonThenReadmittedOnItsOwn() {
		String cluster = uniqueCluster();
		Node node = register(seed.registration(cluster));
		awaitProbed(node, 2);

		Instant sickAt = Instant.now();
		seed.diskFull();
		Node ejected = awaitState(node.id(), NodeState.EJECTED, ejectionBound());

		assertThat(ejected.reason()).isEqualTo(DISK_REASON);
		assertThat(ejected.since()).isAfterOrEqualTo(sickAt.minusMillis(1));
		assertThat(list("/api/v1/nodes?cluster=" + cluster)).singleElement()
			.extracting(Node::state, Node::reason).containsExactly(NodeState.EJECTED, DISK_REASON);
		assertThat(list("/api/v1/nodes?state=ACTIVE&cluster=" + cluster)).isEmpty();
		assertThat(list("/api/v1/nodes?state=ACTIVE&type=SEED_PEER")).extracting(Node::id).doesNotContain(node.id());

		seed.recover();
		Node back = awaitState(node.id(), NodeState.ACTIVE, readmissionBound());

		assertThat(back.reason()).isNull();
		assertThat(list("/api/v1/nodes?state=ACTIVE&cluster=" + cluster)).extracting(Node::id)
			.containsExactly(node.id());
		List<NodeEvent> mine = await().atMost(Duration.ofSeconds(5))
			.until(() -> eventsOf(node.id()), (seen) -> !seen.isEmpty() && seen.get(seen.size() - 1).to() == NodeState.ACTIVE);
		NodeEvent ejection = mine.get(0);
		assertThat(ejection).isEqualTo(new NodeEvent(node.id(), NodeType.SEED_PEER, cluster, node.url(),
				NodeState.ACTIVE, NodeState.EJECTED, DISK_REASON, ejected.since()));
		assertThat(mine.subList(mine.size() - 2, mine.size()))
			.as("re-admitted through probation, on its own")
			.extracting(NodeEvent::from, NodeEvent::to, NodeEvent::reason)
			.containsExactly(tuple(NodeState.EJECTED, NodeState.PROBING, "on probation after " + DISK_REASON),
					tuple(NodeState.PROBING, NodeState.ACTIVE, null));
		assertThat(mine.get(mine.size() - 1).at()).isEqualTo(back.since());
	}

	@Test
	void killedSeedIsEjectedForRefusingConnections() {
		Node node = register(seed.registration(uniqueCluster()));
		awaitProbed(node, 1);

		seed.close();

		Node ejected = awaitState(node.id(), NodeState.EJECTED, ejectionBound());
		assertThat(ejected.reason()).isEqualTo("probe failed: connection refused");
	}

	@Test
	void hungSeedIsEjectedForTimingOut() {
		Node node = register(seed.registration(uniqueCluster()));
		awaitProbed(node, 1);

		seed.hang();

		Node ejected = awaitState(node.id(), NodeState.EJECTED, ejectionBound());
		assertThat(ejected.reason()).isEqualTo("probe timed out after 200ms");
	}

	@Test
	void keepaliveAndReRegistrationDoNotReadmitAnEjectedSeed() {
		String cluster = uniqueCluster();
		Node node = register(seed.registration(cluster));
		seed.diskFull();
		Node ejected = awaitState(node.id(), NodeState.EJECTED, ejectionBound());

		Node kept = web.post().uri("/api/v1/nodes/{id}/keepalive", node.id()).exchange().expectStatus().isOk()
			.expectBody(Node.class).returnResult().getResponseBody();
		Node reRegistered = register(seed.registration(cluster));

		assertThat(kept).isNotNull();
		assertThat(kept).extracting(Node::state, Node::reason, Node::since)
			.containsExactly(NodeState.EJECTED, DISK_REASON, ejected.since());
		assertThat(reRegistered).extracting(Node::state, Node::reason, Node::since)
			.containsExactly(NodeState.EJECTED, DISK_REASON, ejected.since());
	}

	@Test
	void deletedSeedLosesItsBreaker() {
		Node node = register(seed.registration(uniqueCluster()));
		awaitProbed(node, 1);

		web.delete().uri("/api/v1/nodes/{id}", node.id()).exchange().expectStatus().isNoContent();

		await().atMost(probe.interval().multipliedBy(2).plus(SLACK))
			.until(() -> breakers.find(NodeBreakers.name(node.id())).isEmpty());
	}

	@Test
	void transitionsBreakersAndProbesAreInTheMetrics() {
		Node node = register(seed.registration(uniqueCluster()));
		awaitProbed(node, 1);
		seed.diskFull();
		awaitState(node.id(), NodeState.EJECTED, ejectionBound());

		String scrape = web.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + SCRAPE_TOKEN)
			.exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(scrape).containsPattern("damselfly_manager_node_transitions_total\\{[^}]*to=\"EJECTED\"[^}]*} [1-9]")
			.containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"node:" + node.id() + "\"[^}]*state=\"open\"[^}]*} 1")
			.containsPattern("damselfly_manager_probe_seconds_count\\{[^}]*outcome=\"down\"[^}]*} [1-9]")
			.containsPattern("damselfly_manager_probe_seconds_count\\{[^}]*outcome=\"up\"[^}]*} [1-9]");
	}

	/** A sick node's first failed probe starts within one interval, the second one interval later. */
	private Duration ejectionBound() {
		return probe.interval().multipliedBy(2).plus(probe.timeout()).plus(SLACK);
	}

	/**
	 * The worst case: the seed recovers just after failing a probation probe, so that probation fails,
	 * then a new wait and a new probation follow (see {@link ProbeProperties}).
	 */
	private Duration readmissionBound() {
		long probes = 2L * probe.permittedInHalfOpen();
		return probe.waitInOpen().plus(probe.interval().multipliedBy(probes - 1))
			.plus(probe.timeout().multipliedBy(probes)).plus(SLACK);
	}

	/** Until the node's breaker has seen this many passed probes, so the test starts from a healthy node. */
	private void awaitProbed(Node node, int passed) {
		await().atMost(probe.interval().multipliedBy(passed + 1L).plus(SLACK))
			.until(() -> breakers.find(NodeBreakers.name(node.id()))
				.map((breaker) -> breaker.getMetrics().getNumberOfSuccessfulCalls() >= passed)
				.orElse(false));
	}

	private Node awaitState(String id, NodeState state, Duration atMost) {
		return await().atMost(atMost).pollInterval(Duration.ofMillis(20))
			.until(() -> getNode(id), (node) -> node.state() == state);
	}

	private List<NodeEvent> eventsOf(String id) {
		return events.stream().filter((event) -> event.id().equals(id)).toList();
	}

	private List<Node> list(String uri) {
		List<Node> nodes = web.get().uri(uri).exchange().expectStatus().isOk().expectBody(NODES).returnResult()
			.getResponseBody();
		assertThat(nodes).isNotNull();
		return nodes;
	}

}
