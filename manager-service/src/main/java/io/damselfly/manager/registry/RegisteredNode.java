package io.damselfly.manager.registry;

import io.damselfly.common.node.Node;
import io.damselfly.manager.registry.state.KeepaliveOutcome;

/**
 * A node as served after a registration, with what the registration meant.
 *
 * @param node the node, with its derived state
 * @param outcome whether it was new, came back, or was already alive
 */
public record RegisteredNode(Node node, KeepaliveOutcome outcome) {

	public boolean created() {
		return outcome == KeepaliveOutcome.REGISTERED;
	}

}
