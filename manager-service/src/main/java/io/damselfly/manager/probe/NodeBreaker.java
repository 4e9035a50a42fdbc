package io.damselfly.manager.probe;

import java.time.Duration;
import java.time.Instant;

import io.damselfly.common.node.NodeState;
import io.damselfly.manager.registry.state.NodeStateChange;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * One node's probe breaker, with what the prober remembers about the node between rounds: why its last
 * probe failed, and since when and why it is out of rotation. A node is probed by one round at a time, so
 * these are written by one probe at a time; volatile because rounds run on different threads.
 */
public final class NodeBreaker {

	private final CircuitBreaker breaker;

	private volatile @Nullable String lastFailure;

	private volatile @Nullable String ejectedFor;

	private volatile @Nullable Instant ejectedAt;

	private volatile boolean answeredLast;

	NodeBreaker(CircuitBreaker breaker, @Nullable String ejectedFor, @Nullable Instant ejectedAt) {
		this.breaker = breaker;
		this.ejectedFor = ejectedFor;
		this.ejectedAt = ejectedAt;
	}

	public CircuitBreaker breaker() {
		return breaker;
	}

	public @Nullable String lastFailure() {
		return lastFailure;
	}

	public @Nullable String ejectedFor() {
		return ejectedFor;
	}

	void failed(String reason) {
		lastFailure = reason;
	}

	/**
	 * Whether a timeout of the next probe is forgiven: the node answered its last probe (ready or not)
	 * and is not on probation, so one slow answer reads as busy, not sick.
	 */
	boolean forgivesTimeout() {
		return answeredLast && breaker.getState() == CircuitBreaker.State.CLOSED;
	}

	void answered(boolean answered) {
		answeredLast = answered;
	}

	/** Remembers a stored state change, so re-admission can tell how long the node was out. */
	void entered(NodeStateChange change) {
		if (change.to() == NodeState.ACTIVE) {
			ejectedFor = null;
			ejectedAt = null;
			return;
		}
		if (change.to() == NodeState.EJECTED) {
			ejectedFor = change.reason();
		}
		if (ejectedAt == null) {
			ejectedAt = (change.from() == NodeState.ACTIVE) ? change.at() : change.fromSince();
		}
	}

	/** How long the node has been out of rotation at {@code now}, counted from its first ejection. */
	Duration outOfRotation(Instant now, Instant fallback) {
		Instant since = ejectedAt;
		return Duration.between((since != null) ? since : fallback, now);
	}

}
