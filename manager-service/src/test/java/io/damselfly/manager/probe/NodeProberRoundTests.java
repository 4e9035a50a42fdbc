package io.damselfly.manager.probe;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.manager.ManagerIntegrationTestSupport;
import io.damselfly.manager.registry.store.NodeKeys;
import io.damselfly.manager.registry.store.NodeRepository;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probe rounds run one by one by the test (the loop is off in this context), against a real stand-in and
 * the real Redis store, with the default settings: what each round probes, and what it leaves alone.
 */
class NodeProberRoundTests extends ManagerIntegrationTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	private NodeProber prober;

	@Autowired
	private NodeRepository repository;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Autowired
	private ReactiveStringRedisTemplate redis;

	private final ReadinessStandIn seed = ReadinessStandIn.start();

	@AfterEach
	void stop() {
		seed.close();
	}

	@Test
	void nodeThatStoppedKeepingAliveIsNotProbedAndLosesItsBreaker() {
		Node node = register(seed.registration(uniqueCluster()));
		round();
		assertThat(seed.requests()).isEqualTo(1);
		assertThat(breakers.find(NodeBreakers.name(node.id()))).isPresent();

		// What Redis does when the keepalive TTL runs out.
		redis.delete(NodeKeys.alive(node.id())).block(WAIT);
		round();

		assertThat(getNode(node.id()).state()).isEqualTo(NodeState.INACTIVE);
		assertThat(seed.requests()).as("INACTIVE nodes are not probed").isEqualTo(1);
		assertThat(breakers.find(NodeBreakers.name(node.id()))).isEmpty();
	}

	@Test
	void ejectedNodeIsNotCalledUntilItsWaitEnds() {
		Node node = register(seed.registration(uniqueCluster()));
		seed.diskFull();
		round();
		round();
		assertThat(getNode(node.id()).state()).isEqualTo(NodeState.EJECTED);

		round();
		round();

		assertThat(seed.requests()).isEqualTo(2);
		assertThat(getNode(node.id()).state()).isEqualTo(NodeState.EJECTED);
	}

	@Test
	void nodeStoredEjectedByAnEarlierManagerStaysEjectedUntilProbation() {
		Node node = register(seed.registration(uniqueCluster()));
		Instant ejectedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		repository.changeState(node.id(), NodeState.EJECTED, "diskSpace: used 91% > 85%", ejectedAt).block(WAIT);

		round();

		assertThat(getNode(node.id())).extracting(Node::state, Node::since)
			.containsExactly(NodeState.EJECTED, ejectedAt);
		assertThat(breakers.find(NodeBreakers.name(node.id()))).map(CircuitBreaker::getState)
			.contains(CircuitBreaker.State.OPEN);
		assertThat(seed.requests()).as("healthy or not, it waits out its ejection").isZero();
	}

	@Test
	void oneSlowAnswerInAFreshWindowDoesNotEjectAHealthyNode() {
		Node node = register(seed.registration(uniqueCluster()));
		seed.answerAfter(Duration.ofMillis(1500));
		round();
		seed.recover();
		round();

		assertThat(getNode(node.id()).state()).as("1 timed-out probe of 2 is a busy moment, not a sick node")
			.isEqualTo(NodeState.ACTIVE);
		assertThat(breakers.find(NodeBreakers.name(node.id()))).map((breaker) -> breaker.getMetrics().getNumberOfFailedCalls())
			.contains(1);

		seed.diskFull();
		round();

		assertThat(getNode(node.id()).state()).as("a second failure of the last 3 ejects").isEqualTo(NodeState.EJECTED);
	}

	@Test
	void aBusyNodeThatAnswersLateIsForgivenEveryTimeoutButAHungOneIsEjected() {
		Node node = register(seed.registration(uniqueCluster()));
		round();
		for (int i = 0; i < 2; i++) {
			seed.answerAfter(Duration.ofMillis(1200));
			round();
			assertThat(getNode(node.id()).state()).as("one timeout after an answer: busy, not sick")
				.isEqualTo(NodeState.ACTIVE);
			seed.recover();
			round();
		}
		assertThat(failedCalls(node)).as("forgiven timeouts are not recorded").isZero();

		// Busy for a while: every probe times out (1 s) but is answered ready 0.2 s later, before the next
		// probe's timeout, so each next timeout is forgiven too.
		seed.answerAfter(Duration.ofMillis(1200));
		for (int i = 0; i < 4; i++) {
			round();
		}
		assertThat(getNode(node.id()).state()).as("answering late, round after round: busy, not sick")
			.isEqualTo(NodeState.ACTIVE);
		assertThat(failedCalls(node)).isZero();

		// Hung: the first timeout is forgiven (the probe before it was answered, late), the next two count.
		seed.hang();
		round();
		round();
		assertThat(getNode(node.id()).state()).as("still ACTIVE after the first counted timeout")
			.isEqualTo(NodeState.ACTIVE);
		round();
		assertThat(getNode(node.id())).extracting(Node::state).isEqualTo(NodeState.EJECTED);
		assertThat(getNode(node.id()).reason()).contains("timed out");
	}

	@Test
	void aLateAnswerThatIsNotReadyForgivesNothing() {
		Node node = register(seed.registration(uniqueCluster()));
		round();
		seed.diskFull();
		seed.answerAfter(Duration.ofMillis(1200));
		round();
		round();
		round();
		assertThat(getNode(node.id()).state()).as("a sick node that is also slow is ejected, not forgiven")
			.isEqualTo(NodeState.EJECTED);
	}

	private int failedCalls(Node node) {
		return breakers.find(NodeBreakers.name(node.id())).orElseThrow().getMetrics().getNumberOfFailedCalls();
	}

	@Test
	void nodeOnProbationThatFailsAProbeIsEjectedAgainAtOnce() {
		Node node = register(seed.registration(uniqueCluster()));
		repository.changeState(node.id(), NodeState.PROBING, "on probation after diskSpace: used 91% > 85%",
				Instant.now().truncatedTo(ChronoUnit.MILLIS)).block(WAIT);
		seed.diskFull();

		round();

		assertThat(getNode(node.id()).state()).as("its first failed probation probe ejects it, not the last")
			.isEqualTo(NodeState.EJECTED);
		assertThat(seed.requests()).isEqualTo(1);
	}

	private void round() {
		assertThat(prober.probeAll().block(WAIT)).isNotNull();
	}

}
