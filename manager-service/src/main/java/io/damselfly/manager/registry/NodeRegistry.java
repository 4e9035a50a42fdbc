package io.damselfly.manager.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeRegistration;
import io.damselfly.manager.registry.state.KeepaliveOutcome;
import io.damselfly.manager.registry.state.NodeFilter;
import io.damselfly.manager.registry.state.NodeStates;
import io.damselfly.manager.registry.state.NodeTouch;
import io.damselfly.manager.registry.store.NodeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The cluster registry's main flow: register, keep alive, list, forget. Times come from the
 * {@link Clock}, state is stored by the {@link NodeRepository} and derived on read by
 * {@link NodeStates}. Logs one INFO line when a node joins, comes back after its keepalive ran out, moves
 * cluster or leaves; routine keepalives are DEBUG.
 */
public class NodeRegistry {

	private static final Logger logger = LoggerFactory.getLogger(NodeRegistry.class);

	private static final Comparator<Node> BY_ID = Comparator.comparing(Node::id);

	private final NodeRepository repository;

	private final Clock clock;

	private final Duration keepaliveTtl;

	public NodeRegistry(NodeRepository repository, Clock clock, Duration keepaliveTtl) {
		this.repository = repository;
		this.clock = clock;
		this.keepaliveTtl = keepaliveTtl;
	}

	/** Registers a node, or refreshes it: idempotent, keeps the first registration time. */
	public Mono<RegisteredNode> register(NodeRegistration registration) {
		return repository.register(registration, now(), keepaliveTtl).map((touch) -> {
			logTouch("registration", touch);
			return new RegisteredNode(NodeStates.derive(touch.record(), true), touch.outcome());
		});
	}

	/** Keeps a node alive. @return the node, or empty when it is unknown and must register again */
	public Mono<Node> keepalive(String nodeId) {
		return repository.keepalive(nodeId, now(), keepaliveTtl).map((touch) -> {
			logTouch("keepalive", touch);
			return NodeStates.derive(touch.record(), true);
		}).switchIfEmpty(Mono.fromRunnable(() -> logger.debug("Keepalive from unknown node {}: it must register", nodeId)));
	}

	public Mono<Node> find(String nodeId) {
		return repository.find(nodeId).map(NodeStates::derive);
	}

	/** Nodes matching the filter, sorted by id. */
	public Mono<List<Node>> list(NodeFilter filter) {
		return repository.findAll(filter.clusterId()).map(NodeStates::derive).filter(filter::matches)
			.collectSortedList(BY_ID);
	}

	/** Forgets a node. @return whether it was known */
	public Mono<Boolean> remove(String nodeId) {
		return repository.delete(nodeId).doOnNext((removed) -> {
			if (removed) {
				logger.info("Node {} left the registry", nodeId);
			}
		});
	}

	private void logTouch(String what, NodeTouch touch) {
		var record = touch.record();
		KeepaliveOutcome outcome = touch.outcome();
		switch (outcome) {
			case REGISTERED -> logger.info("Node {} registered: {} {} in cluster {} (keepalive TTL {})", record.id(),
					record.type(), record.url(), record.clusterId(), keepaliveTtl);
			case RETURNED -> logger.info("Node {} is back ({}) after its keepalive expired at {}: state {}", record.id(),
					what, touch.previousExpiresAt(), record.state());
			case REFRESHED -> logger.debug("Node {} {} until {}", record.id(), what, record.expiresAt());
		}
		if (touch.movedCluster()) {
			logger.info("Node {} moved from cluster {} to {}", record.id(), touch.previousClusterId(),
					record.clusterId());
		}
	}

	private Instant now() {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
