package io.damselfly.manager.registry.state;

import java.time.Instant;

import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.jspecify.annotations.Nullable;

/**
 * A change of a node's stored state, as written by the prober: what it was, what it is now, and the
 * identity of the node it happened to.
 *
 * @param id node id
 * @param type scheduler or seed peer
 * @param clusterId the node's cluster
 * @param url the node's base URL
 * @param from the stored state before
 * @param fromSince when the node entered {@code from}
 * @param to the stored state now
 * @param reason why the node is in {@code to}; null for ACTIVE
 * @param at when it entered {@code to}, its new {@code since}
 */
public record NodeStateChange(String id, NodeType type, String clusterId, String url, NodeState from,
		Instant fromSince, NodeState to, @Nullable String reason, Instant at) {
}
