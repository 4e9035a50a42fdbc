package io.damselfly.common.node;

/**
 * Where the manager publishes node state changes: a Redis pub/sub channel carrying one JSON object per
 * change ({@code id}, {@code type}, {@code clusterId}, {@code url}, {@code from}, {@code to},
 * {@code reason}, {@code at}). Pub/sub keeps nothing, so a subscriber treats an event as "re-read the
 * node list now", never as the state itself; {@code GET /api/v1/nodes} stays the source of truth.
 */
public final class NodeEvents {

	/** The channel's name. */
	public static final String CHANNEL = "damselfly:node-events";

	private NodeEvents() {
	}

}
