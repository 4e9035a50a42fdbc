package io.damselfly.manager.probe.transition;

import java.time.Duration;
import java.util.Locale;

import io.damselfly.common.node.NodeState;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;

/**
 * The rules that turn a node's probe breaker into its stored state (docs/architecture.md#failure-detection-and-ejection): CLOSED is ACTIVE, OPEN
 * is EJECTED, HALF_OPEN is PROBING. The stored state follows the breaker, never the other way round, so a
 * state write that was lost (Redis away for a round) or undone (the node deleted and registered again
 * between two rounds) is written again on the next round.
 */
public final class NodeTransitions {

	static final String NO_REASON_KNOWN = "ejected by its probe breaker";

	static final String PROBATION = "on probation after ";

	private NodeTransitions() {
	}

	/** The node state a breaker state stands for. */
	public static NodeState stateOf(CircuitBreaker.State breaker) {
		return switch (breaker) {
			case OPEN, FORCED_OPEN -> NodeState.EJECTED;
			case HALF_OPEN -> NodeState.PROBING;
			case CLOSED, DISABLED, METRICS_ONLY -> NodeState.ACTIVE;
		};
	}

	/**
	 * The state to store for a node, or null when the stored one already matches its breaker.
	 * @param stored the state stored for the node
	 * @param breaker its breaker's state after the latest probe
	 * @param lastFailure the reason of the node's latest failed probe, if any
	 * @param ejectedFor the reason it was ejected for, if it is out of rotation
	 */
	public static @Nullable Target next(NodeState stored, CircuitBreaker.State breaker, @Nullable String lastFailure,
			@Nullable String ejectedFor) {
		NodeState wanted = stateOf(breaker);
		if (wanted == stored) {
			return null;
		}
		return switch (wanted) {
			case EJECTED -> new Target(wanted, firstNonNull(lastFailure, ejectedFor, NO_REASON_KNOWN));
			case PROBING -> new Target(wanted, PROBATION + firstNonNull(ejectedFor, lastFailure, "ejection"));
			case ACTIVE, INACTIVE -> new Target(NodeState.ACTIVE, null);
		};
	}

	/** The ejection reason inside a stored reason: a PROBING node's reason names what it was ejected for. */
	public static @Nullable String ejectionReason(@Nullable String storedReason) {
		return (storedReason != null && storedReason.startsWith(PROBATION)) ? storedReason.substring(PROBATION.length())
				: storedReason;
	}

	/**
	 * The log line of a transition, without the node id: {@code EJECTED: diskSpace: used 91% > 85% (2
	 * failed probes in 3)}, {@code PROBING: on probation after 6.0 s ejected},
	 * {@code re-admitted: ACTIVE after 7.2 s}.
	 * @param outOfRotation how long the node has been EJECTED or PROBING, for PROBING and ACTIVE
	 */
	public static String describe(NodeState to, @Nullable String reason, int failedProbes, int probes,
			Duration outOfRotation) {
		return switch (to) {
			case EJECTED -> "EJECTED: " + reason + " (" + failedProbes + " failed probes in " + probes + ")";
			case PROBING -> "PROBING: on probation after " + seconds(outOfRotation) + " ejected";
			case ACTIVE -> "re-admitted: ACTIVE after " + seconds(outOfRotation);
			case INACTIVE -> "INACTIVE";
		};
	}

	static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	private static String firstNonNull(@Nullable String first, @Nullable String second, String fallback) {
		if (first != null) {
			return first;
		}
		return (second != null) ? second : fallback;
	}

	/**
	 * A state to store.
	 *
	 * @param state the node's new stored state
	 * @param reason why; null for ACTIVE
	 */
	public record Target(NodeState state, @Nullable String reason) {
	}

}
