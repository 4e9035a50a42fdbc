package io.damselfly.manager.registry.state;

import java.time.Instant;

import io.damselfly.common.node.Node;
import io.damselfly.common.node.NodeState;
import org.jspecify.annotations.Nullable;

/**
 * Derives the state a node is served with from what is stored. No sweep ever rewrites a record when a
 * keepalive runs out: the state is computed on every read, so it can never lag behind Redis expiry.
 * <ol>
 * <li>No live keepalive: INACTIVE, reason {@value #KEEPALIVE_EXPIRED}, since the last keepalive ran
 * out. This wins over any stored state: a silent node is not worth probing or ejecting.</li>
 * <li>Otherwise the stored state (ACTIVE, or EJECTED/PROBING as the prober wrote it) with its reason and
 * time. An ACTIVE node carries no reason.</li>
 * </ol>
 */
public final class NodeStates {

	public static final String KEEPALIVE_EXPIRED = "keepalive expired";

	private NodeStates() {
	}

	public static Node derive(StoredNode stored) {
		return derive(stored.record(), stored.alive());
	}

	public static Node derive(NodeRecord record, boolean alive) {
		if (!alive) {
			return node(record, NodeState.INACTIVE, KEEPALIVE_EXPIRED, record.expiresAt());
		}
		@Nullable String reason = (record.state() == NodeState.ACTIVE) ? null : record.reason();
		return node(record, record.state(), reason, record.since());
	}

	private static Node node(NodeRecord r, NodeState state, @Nullable String reason, Instant since) {
		return new Node(r.id(), r.type(), r.clusterId(), r.url(), r.host(), r.port(), r.idc(), r.location(), state,
				reason, r.registeredAt(), r.lastSeenAt(), since);
	}

}
