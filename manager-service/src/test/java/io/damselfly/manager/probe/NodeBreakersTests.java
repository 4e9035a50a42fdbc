package io.damselfly.manager.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.damselfly.testsupport.time.MutableClock;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.probe.health.ProbeFailedException;
import io.damselfly.manager.registry.state.NodeRecord;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe breakers with the default {@code damselfly.probe.*} settings, driven probe by probe. */
class NodeBreakersTests {

	private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

	private final ProbeProperties defaults = new Binder(new MapConfigurationPropertySource())
		.bindOrCreate("damselfly.probe", ProbeProperties.class);

	private final MutableClock clock = new MutableClock(T0);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CircuitBreakerRegistry registry = NodeBreakers.registry(defaults, clock, meters);

	private final NodeBreakers breakers = new NodeBreakers(registry);

	private final AtomicInteger calls = new AtomicInteger();

	enum Outcome {

		PASSED, FAILED, NOT_CALLED

	}

	@Test
	void twoFailedProbesAmongTheLastThreeEjectTheNode() {
		CircuitBreaker breaker = breakers.forNode(node("seed-a", NodeState.ACTIVE, null)).breaker();
		probe(breaker, true);
		probe(breaker, true);

		probe(breaker, false);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		probe(breaker, false);

		assertThat(breaker.getState()).isEqualTo(State.OPEN);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
		assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isEqualTo(3);
	}

	@Test
	void aFailedProbeNowAndThenNeverEjects() {
		CircuitBreaker breaker = breakers.forNode(node("seed-a", NodeState.ACTIVE, null)).breaker();
		for (int i = 0; i < 12; i++) {
			probe(breaker, i % 3 != 2);
			assertThat(breaker.getState()).as("probe %d", i).isEqualTo(State.CLOSED);
		}
	}

	@Test
	void nodeSickFromItsFirstProbeIsEjectedAtTheSecond() {
		CircuitBreaker breaker = breakers.forNode(node("seed-a", NodeState.ACTIVE, null)).breaker();

		probe(breaker, false);
		assertThat(breaker.getState()).as("one probe is below the minimum").isEqualTo(State.CLOSED);
		probe(breaker, false);

		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void ejectedNodeIsLeftAloneForTheWaitThenTwoPassingProbesReadmitIt() {
		CircuitBreaker breaker = ejected();
		calls.set(0);

		assertThat(probe(breaker, true)).isEqualTo(Outcome.NOT_CALLED);
		clock.advance(defaults.waitInOpen().minusMillis(1));
		assertThat(probe(breaker, true)).isEqualTo(Outcome.NOT_CALLED);
		assertThat(calls).as("the node is not called while ejected").hasValue(0);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);

		clock.advance(Duration.ofMillis(2));
		assertThat(probe(breaker, true)).isEqualTo(Outcome.PASSED);
		assertThat(breaker.getState()).as("on probation").isEqualTo(State.HALF_OPEN);
		assertThat(probe(breaker, true)).isEqualTo(Outcome.PASSED);

		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void oneFailedProbeOfTwoInAFreshWindowDoesNotEject() {
		CircuitBreaker failedFirst = breakers.forNode(node("seed-a", NodeState.ACTIVE, null)).breaker();
		probe(failedFirst, false);
		probe(failedFirst, true);
		CircuitBreaker failedSecond = breakers.forNode(node("seed-b", NodeState.ACTIVE, null)).breaker();
		probe(failedSecond, true);
		probe(failedSecond, false);

		assertThat(failedFirst.getState()).isEqualTo(State.CLOSED);
		assertThat(failedSecond.getState()).isEqualTo(State.CLOSED);

		probe(failedFirst, false);
		assertThat(failedFirst.getState()).as("2 of the last 3").isEqualTo(State.OPEN);
	}

	/**
	 * The breaker alone would re-admit a node that failed 1 probation probe of 2 (50% is under the
	 * threshold); the prober ejects it again at the failed probe ({@code NodeProberRoundTests}).
	 */
	@Test
	void probationWithAllProbesFailedEjectsAgain() {
		CircuitBreaker breaker = ejected();
		clock.advance(defaults.waitInOpen().plusMillis(1));

		assertThat(probe(breaker, false)).isEqualTo(Outcome.FAILED);
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
		probe(breaker, false);

		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void breakerStartsInTheStateStoredForItsNode() {
		NodeBreaker ejected = breakers.forNode(node("seed-e", NodeState.EJECTED, "diskSpace: used 91% > 85%"));
		NodeBreaker probing = breakers.forNode(node("seed-p", NodeState.PROBING, "on probation after diskIo: slow"));
		NodeBreaker active = breakers.forNode(node("seed-a", NodeState.ACTIVE, null));

		assertThat(ejected.breaker().getState()).isEqualTo(State.OPEN);
		assertThat(ejected.ejectedFor()).isEqualTo("diskSpace: used 91% > 85%");
		assertThat(probing.breaker().getState()).isEqualTo(State.HALF_OPEN);
		assertThat(probing.ejectedFor()).isEqualTo("diskIo: slow");
		assertThat(active.breaker().getState()).isEqualTo(State.CLOSED);
		assertThat(active.ejectedFor()).isNull();
	}

	@Test
	void eachNodeHasOneBreakerNamedAfterIt() {
		NodeBreaker first = breakers.forNode(node("seed-a", NodeState.ACTIVE, null));
		NodeBreaker again = breakers.forNode(node("seed-a", NodeState.EJECTED, "later"));

		assertThat(again).isSameAs(first);
		assertThat(first.breaker().getName()).isEqualTo("node:seed-a");
		assertThat(registry.find("node:seed-a")).containsSame(first.breaker());
	}

	@Test
	void breakersOfNodesNoLongerProbedAreDroppedWithTheirMetrics() {
		breakers.forNode(node("seed-a", NodeState.ACTIVE, null));
		breakers.forNode(node("seed-b", NodeState.ACTIVE, null));
		assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "node:seed-b").gauges()).isNotEmpty();

		breakers.retainOnly(Set.of("seed-a"));

		assertThat(breakers.find("seed-b")).isNull();
		assertThat(registry.find("node:seed-b")).isEmpty();
		assertThat(meters.find("resilience4j.circuitbreaker.state").tag("name", "node:seed-b").gauges()).isEmpty();
		assertThat(breakers.find("seed-a")).isNotNull();
	}

	private CircuitBreaker ejected() {
		CircuitBreaker breaker = breakers.forNode(node("seed-a", NodeState.ACTIVE, null)).breaker();
		probe(breaker, false);
		probe(breaker, false);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
		return breaker;
	}

	private Outcome probe(CircuitBreaker breaker, boolean pass) {
		Mono<Void> probe = Mono.defer(() -> {
			calls.incrementAndGet();
			return pass ? Mono.<Void>empty() : Mono.<Void>error(new ProbeFailedException("diskSpace: full"));
		});
		return probe.transformDeferred(CircuitBreakerOperator.of(breaker))
			.then(Mono.just(Outcome.PASSED))
			.onErrorResume(ProbeFailedException.class, (ex) -> Mono.just(Outcome.FAILED))
			.onErrorResume(CallNotPermittedException.class, (ex) -> Mono.just(Outcome.NOT_CALLED))
			.block(Duration.ofSeconds(5));
	}

	private static NodeRecord node(String id, NodeState state, @Nullable String reason) {
		return new NodeRecord(id, NodeType.SEED_PEER, "default", "http://127.0.0.1:8090", "127.0.0.1", 8090, null, null,
				state, reason, T0, T0, T0, T0.plusSeconds(10));
	}

}
