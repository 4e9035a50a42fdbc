package io.damselfly.manager.registry.state;

/**
 * A node record read together with its liveness.
 *
 * @param record the stored record
 * @param alive whether the node's alive key still exists, i.e. its last keepalive has not run out
 */
public record StoredNode(NodeRecord record, boolean alive) {
}
