package io.damselfly.common.node;

/**
 * A node's state in the cluster registry (docs/architecture.md#failure-detection-and-ejection). Only {@link #ACTIVE} nodes are handed out to
 * clients; {@link #PROBING} nodes are on probation and may be used when nothing better exists.
 */
public enum NodeState {

	/** Keeping alive and healthy. */
	ACTIVE,

	/** The manager's breaker for the node is half-open: the node is being probed back in. */
	PROBING,

	/** The manager's breaker for the node is open: the node is sick and must not be used. */
	EJECTED,

	/** The node stopped keeping alive; its registration expired. */
	INACTIVE

}
