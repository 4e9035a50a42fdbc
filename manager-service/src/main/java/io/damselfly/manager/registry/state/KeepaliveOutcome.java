package io.damselfly.manager.registry.state;

/**
 * What a registration or keepalive meant for a node: worth an INFO line when the node is new or comes
 * back, routine otherwise.
 */
public enum KeepaliveOutcome {

	/** The registry had no record of the node. */
	REGISTERED,

	/** The node had a record but its keepalive had run out: it was INACTIVE and is alive again. */
	RETURNED,

	/** The node was alive and stays alive. */
	REFRESHED;

	public static KeepaliveOutcome of(boolean existed, boolean wasAlive) {
		if (!existed) {
			return REGISTERED;
		}
		return wasAlive ? REFRESHED : RETURNED;
	}

}
