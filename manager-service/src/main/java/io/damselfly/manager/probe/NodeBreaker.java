package io.damselfly.manager.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

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

	/** How many probes this node has been sent. */
	private final AtomicLong probes = new AtomicLong();

	/** The latest of them it answered, on time or late; 0 for none. */
	private final AtomicLong lastAnswered = new AtomicLong();

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

	/** Numbers a new probe of this node: 1, 2, 3, … */
	long nextProbe() {
		return probes.incrementAndGet();
	}

	/**
	 * Whether a timeout of probe {@code probe} is forgiven: the node answered the probe before it (ready or
	 * not, on time or, ready, late) and is not on probation, so one slow answer reads as busy, not sick. A
	 * node that keeps answering late stays forgiven; a hung one answers nothing and is not.
	 */
	boolean forgivesTimeout(long probe) {
		return lastAnswered.get() >= probe - 1 && lastAnswered.get() > 0
				&& breaker.getState() == CircuitBreaker.State.CLOSED;
	}

	/** The node answered probe {@code probe}, possibly after its timeout. */
	void answered(long probe) {
		lastAnswered.accumulateAndGet(probe, Math::max);
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
