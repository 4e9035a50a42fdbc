package io.damselfly.manager.probe.transition;

import java.time.Duration;

import io.damselfly.common.node.NodeState;
import io.damselfly.manager.probe.transition.NodeTransitions.Target;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeTransitionsTests {

	private static final String DISK = "diskSpace: used 91% > 85%";

	@Test
	void breakerStatesMapToNodeStates() {
		assertThat(NodeTransitions.stateOf(State.CLOSED)).isEqualTo(NodeState.ACTIVE);
		assertThat(NodeTransitions.stateOf(State.OPEN)).isEqualTo(NodeState.EJECTED);
		assertThat(NodeTransitions.stateOf(State.FORCED_OPEN)).isEqualTo(NodeState.EJECTED);
		assertThat(NodeTransitions.stateOf(State.HALF_OPEN)).isEqualTo(NodeState.PROBING);
	}

	@Test
	void nothingToStoreWhenTheStoredStateMatchesTheBreaker() {
		assertThat(NodeTransitions.next(NodeState.ACTIVE, State.CLOSED, DISK, null)).isNull();
		assertThat(NodeTransitions.next(NodeState.EJECTED, State.OPEN, "probe failed: connection refused", DISK))
			.as("a new failure reason does not rewrite an ejection").isNull();
		assertThat(NodeTransitions.next(NodeState.PROBING, State.HALF_OPEN, null, DISK)).isNull();
	}

	@Test
	void openBreakerEjectsWithTheReasonOfTheLastFailedProbe() {
		assertThat(NodeTransitions.next(NodeState.ACTIVE, State.OPEN, DISK, null))
			.isEqualTo(new Target(NodeState.EJECTED, DISK));
	}

	@Test
	void failedProbationEjectsAgainWithItsLatestReason() {
		assertThat(NodeTransitions.next(NodeState.PROBING, State.OPEN, "probe timed out after 1s", DISK))
			.isEqualTo(new Target(NodeState.EJECTED, "probe timed out after 1s"));
	}

	@Test
	void openBreakerWithoutAKnownFailureStillEjects() {
		assertThat(NodeTransitions.next(NodeState.ACTIVE, State.OPEN, null, DISK))
			.isEqualTo(new Target(NodeState.EJECTED, DISK));
		assertThat(NodeTransitions.next(NodeState.ACTIVE, State.OPEN, null, null))
			.isEqualTo(new Target(NodeState.EJECTED, NodeTransitions.NO_REASON_KNOWN));
	}

	@Test
	void halfOpenBreakerPutsTheNodeOnProbationNamingWhatItWasEjectedFor() {
		Target target = NodeTransitions.next(NodeState.EJECTED, State.HALF_OPEN, "probe failed: connection refused",
				DISK);

		assertThat(target).isEqualTo(new Target(NodeState.PROBING, "on probation after " + DISK));
		assertThat(NodeTransitions.ejectionReason(target.reason())).isEqualTo(DISK);
		assertThat(NodeTransitions.ejectionReason(DISK)).isEqualTo(DISK);
	}

	@Test
	void closedBreakerReadmitsWithoutReason() {
		assertThat(NodeTransitions.next(NodeState.PROBING, State.CLOSED, DISK, DISK))
			.isEqualTo(new Target(NodeState.ACTIVE, null));
		assertThat(NodeTransitions.next(NodeState.EJECTED, State.CLOSED, DISK, DISK))
			.isEqualTo(new Target(NodeState.ACTIVE, null));
	}

	@Test
	void logLinesSayWhatHappenedAndHowLong() {
		assertThat(NodeTransitions.describe(NodeState.EJECTED, DISK, 2, 3, Duration.ZERO))
			.isEqualTo("EJECTED: diskSpace: used 91% > 85% (2 failed probes in 3)");
		assertThat(NodeTransitions.describe(NodeState.PROBING, "on probation after " + DISK, 0, 0,
				Duration.ofMillis(6040)))
			.isEqualTo("PROBING: on probation after 6.0 s ejected");
		assertThat(NodeTransitions.describe(NodeState.ACTIVE, null, 0, 2, Duration.ofMillis(7249)))
			.isEqualTo("re-admitted: ACTIVE after 7.2 s");
	}

}
