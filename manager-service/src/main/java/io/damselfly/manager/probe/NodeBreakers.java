package io.damselfly.manager.probe;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.damselfly.common.node.NodeState;
import io.damselfly.manager.probe.transition.NodeTransitions;
import io.damselfly.manager.registry.state.NodeRecord;
import io.damselfly.service.resilience.BreakerRegistries;
import io.damselfly.service.resilience.BreakerSettings;
import io.damselfly.manager.probe.health.ProbeSlowException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The probe breakers, one per node, named {@code node:<id>} and created once from a registry whose
 * default config is {@link #config}. A breaker is created in the state stored for its node, so a manager
 * that restarts, or a node that comes back from INACTIVE, keeps an ejected node ejected until it passes
 * probation, instead of re-admitting it unprobed. Breakers of nodes that are no longer probed (deleted,
 * expired, INACTIVE) are dropped, from the registry too, so their metrics go with them.
 */
public class NodeBreakers {

	private final CircuitBreakerRegistry registry;

	private final Map<String, NodeBreaker> nodes = new ConcurrentHashMap<>();

	public NodeBreakers(CircuitBreakerRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The shared config of the probe breakers. A count-based window over the last probes, since probes
	 * come at a fixed rate. No automatic move from OPEN to HALF_OPEN: the first probe after the wait is
	 * let through and moves the breaker, so no timer thread runs per breaker and that probe counts toward
	 * probation. Before the wait ends the breaker refuses probes, and the node is not called at all. A
	 * forgiven timeout ({@link ProbeSlowException}) is not recorded.
	 */
	public static CircuitBreakerConfig config(ProbeProperties properties, Clock clock) {
		return new BreakerSettings(properties.failureRateThreshold(), properties.windowSize(),
				properties.minimumProbes(), properties.waitInOpen(), properties.permittedInHalfOpen(), false)
			.toBuilder()
			.ignoreExceptions(ProbeSlowException.class)
			.clock(clock)
			.build();
	}

	/**
	 * The registry the probe breakers are created from, with {@link #config} as its default, observed
	 * like every Damselfly registry ({@link BreakerRegistries}); the stored state change is also logged by
	 * the prober.
	 */
	public static CircuitBreakerRegistry registry(ProbeProperties properties, Clock clock, MeterRegistry meters) {
		return BreakerRegistries.observed(config(properties, clock), meters);
	}

	public static String name(String nodeId) {
		return "node:" + nodeId;
	}

	/** The node's breaker, created on first use in the node's stored state. */
	public NodeBreaker forNode(NodeRecord record) {
		return nodes.computeIfAbsent(record.id(), (id) -> create(record));
	}

	public @Nullable NodeBreaker find(String nodeId) {
		return nodes.get(nodeId);
	}

	/** Drops the breakers of every node not in {@code probed}. */
	public void retainOnly(Set<String> probed) {
		nodes.keySet().removeIf((id) -> {
			if (probed.contains(id)) {
				return false;
			}
			registry.remove(name(id));
			return true;
		});
	}

	private NodeBreaker create(NodeRecord record) {
		CircuitBreaker breaker = registry.circuitBreaker(name(record.id()));
		if (record.state() == NodeState.EJECTED || record.state() == NodeState.PROBING) {
			breaker.transitionToOpenState();
			if (record.state() == NodeState.PROBING) {
				breaker.transitionToHalfOpenState();
			}
			return new NodeBreaker(breaker, NodeTransitions.ejectionReason(record.reason()), record.since());
		}
		return new NodeBreaker(breaker, null, null);
	}

}
