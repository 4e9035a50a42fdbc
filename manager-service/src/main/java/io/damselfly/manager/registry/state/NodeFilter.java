package io.damselfly.manager.registry.state;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.jspecify.annotations.Nullable;

/**
 * The filters of {@code GET /api/v1/nodes}; a null component matches everything. The state filter
 * applies to the derived state, so {@code state=INACTIVE} lists the nodes whose keepalive ran out.
 *
 * @param type only nodes of this type
 * @param state only nodes in this (derived) state
 * @param clusterId only nodes of this cluster
 */
public record NodeFilter(@Nullable NodeType type, @Nullable NodeState state, @Nullable String clusterId) {

	public static final NodeFilter ALL = new NodeFilter(null, null, null);

	public boolean matches(Node node) {
		return (type == null || type == node.type()) && (state == null || state == node.state())
				&& (clusterId == null || clusterId.equals(node.clusterId()));
	}

}
