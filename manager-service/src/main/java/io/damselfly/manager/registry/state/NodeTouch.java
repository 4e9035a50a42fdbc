package io.damselfly.manager.registry.state;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The result of a registration or keepalive, written atomically: the record after the write, and what
 * the registry knew about the node just before it.
 *
 * @param record the record after the write (the node is alive now)
 * @param existed whether a record existed before
 * @param wasAlive whether the node's previous keepalive was still running
 * @param previousClusterId the cluster the record named before, null when there was no record
 * @param previousExpiresAt when the previous keepalive ran out (or runs out), null when there was no record
 */
public record NodeTouch(NodeRecord record, boolean existed, boolean wasAlive, @Nullable String previousClusterId,
		@Nullable Instant previousExpiresAt) {

	/** What this write means for the node's lifecycle. */
	public KeepaliveOutcome outcome() {
		return KeepaliveOutcome.of(existed, wasAlive);
	}

	/** True when the node re-registered under another cluster than the one it was listed in. */
	public boolean movedCluster() {
		return previousClusterId != null && !previousClusterId.isEmpty()
				&& !previousClusterId.equals(record.clusterId());
	}

}
