package io.damselfly.manager.registry.state;

import java.time.Instant;

import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import org.jspecify.annotations.Nullable;

/**
 * A node as the registry stores it. Liveness is not stored here: it is the presence of a separate key
 * that Redis expires (see {@link StoredNode#alive()}).
 * <p>
 * {@code state}, {@code reason} and {@code since} are the <em>stored</em> state. The registry writes
 * ACTIVE on first registration; from then on only the active prober changes it, to EJECTED, PROBING or
 * back to ACTIVE (with the reason taken from the node's health details), without touching the other
 * fields. Registrations and keepalives leave it alone. {@link NodeStates} turns a record
 * into the state served to clients, where a missed keepalive (INACTIVE) wins over whatever is stored.
 *
 * @param id node id, {@link NodeRegistration#nodeId()}
 * @param type scheduler or seed peer
 * @param clusterId the cluster it belongs to
 * @param url base URL, {@code http://host:port} (or {@code https://} for a node that serves TLS)
 * @param host address
 * @param port HTTP port
 * @param idc data centre, may be null
 * @param location location path, may be null
 * @param state stored state: ACTIVE, or what the prober decided
 * @param reason why it is in the stored state; null when ACTIVE
 * @param since when it entered the stored state (or came back from INACTIVE)
 * @param registeredAt first registration, kept across re-registrations
 * @param lastSeenAt last registration or keepalive
 * @param expiresAt when the last keepalive runs out; the start of INACTIVE if no other comes
 */
public record NodeRecord(String id, NodeType type, String clusterId, String url, String host, int port,
		@Nullable String idc, @Nullable String location, NodeState state, @Nullable String reason, Instant since,
		Instant registeredAt, Instant lastSeenAt, Instant expiresAt) {
}
