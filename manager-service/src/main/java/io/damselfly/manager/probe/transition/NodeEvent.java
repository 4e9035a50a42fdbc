package io.damselfly.manager.probe.transition;

import java.time.Instant;

import io.damselfly.common.node.NodeEvents;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.registry.state.NodeStateChange;
import org.jspecify.annotations.Nullable;

/**
 * What is published as JSON on {@value #CHANNEL} when a node changes state, for gateways, schedulers and
 * peers that would rather hear about an ejection at once than at their next node listing. The listing
 * stays the source of truth: a subscriber that missed an event (Redis pub/sub keeps nothing) catches up
 * from {@code GET /api/v1/nodes}.
 *
 * @param id node id
 * @param type the node's type (SCHEDULER or SEED_PEER)
 * @param clusterId the node's cluster
 * @param url the node's base URL
 * @param from its stored state before
 * @param to its stored state now
 * @param reason why it is in {@code to}; null for ACTIVE
 * @param at when it entered {@code to}
 */
public record NodeEvent(String id, NodeType type, String clusterId, String url, NodeState from, NodeState to,
		@Nullable String reason, Instant at) {

	public static final String CHANNEL = NodeEvents.CHANNEL;

	public static NodeEvent of(NodeStateChange change) {
		return new NodeEvent(change.id(), change.type(), change.clusterId(), change.url(), change.from(), change.to(),
				change.reason(), change.at());
	}

}
