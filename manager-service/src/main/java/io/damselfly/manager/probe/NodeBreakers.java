package io.damselfly.manager.probe;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.damselfly.common.node.NodeState;
import io.damselfly.manager.config.ProbeProperties;
import io.damselfly.manager.probe.transition.NodeTransitions;
import io.damselfly.manager.registry.state.NodeRecord;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe breakers, one per node, named {@code node:<id>} and created once from a registry whose
 * default config is {@link #config}. A breaker is created in the state stored for its node, so a manager
 * that restarts, or a node that comes back from INACTIVE, keeps an ejected node ejected until it passes
 * probation, instead of re-admitting it unprobed. Breakers of nodes that are no longer probed (deleted,
 * expired, INACTIVE) are dropped, from the registry too, so their metrics go with them.
 */
public class NodeBreakers {

	private static final Logger logger = LoggerFactory.getLogger(NodeBreakers.class);

	private final CircuitBreakerRegistry registry;

	private final Map<String, NodeBreaker> nodes = new ConcurrentHashMap<>();

	public NodeBreakers(CircuitBreakerRegistry registry) {
		this.registry = registry;
	}

	/**
	 * The shared config of the probe breakers. A count-based window over the last probes, since probes
	 * come at a fixed rate. No automatic move from OPEN to HALF_OPEN: the first probe after the wait is
	 * let through and moves the breaker, so no timer thread runs per breaker and that probe counts toward
	 * probation. Before the wait ends the breaker refuses probes, and the node is not called at all.
	 */
	public static CircuitBreakerConfig config(ProbeProperties properties, Clock clock) {
		return CircuitBreakerConfig.custom()
			.slidingWindow(properties.windowSize(), properties.minimumProbes(), SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(properties.failureRateThreshold())
			.waitDurationInOpenState(properties.waitInOpen())
			.permittedNumberOfCallsInHalfOpenState(properties.permittedInHalfOpen())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.clock(clock)
			.build();
	}

	/**
	 * The registry the probe breakers are created from, with {@link #config} as its default, observed
	 * through its event publisher (each transition at DEBUG; the stored state change is logged by the
	 * prober) and through {@link TaggedCircuitBreakerMetrics}.
	 */
	public static CircuitBreakerRegistry registry(ProbeProperties properties, Clock clock, MeterRegistry meters) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config(properties, clock));
		registry.getEventPublisher().onEntryAdded((added) -> added.getAddedEntry().getEventPublisher()
			.onStateTransition((event) -> logger.debug("Breaker {}: {}", event.getCircuitBreakerName(),
					event.getStateTransition())));
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		return registry;
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
