package io.damselfly.common.node;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A node as the manager's registry holds it and serves it from {@code GET /api/v1/nodes}.
 *
 * @param id stable id derived from type, host and port
 * @param type scheduler or seed peer
 * @param clusterId the cluster it belongs to
 * @param url base URL, {@code http://host:port} (or {@code https://} for a node that serves TLS)
 * @param host address
 * @param port HTTP port
 * @param idc data centre, may be null
 * @param location location path, may be null
 * @param state current state
 * @param reason why it is in that state, e.g. {@code keepalive expired} or
 * {@code diskSpace: used 91% > 85%}; null when ACTIVE
 * @param registeredAt first registration
 * @param lastSeenAt last registration or keepalive
 * @param since when it entered its current state
 */
public record Node(String id, NodeType type, String clusterId, String url, String host, int port,
		@Nullable String idc, @Nullable String location, NodeState state, @Nullable String reason,
		Instant registeredAt, Instant lastSeenAt, Instant since) {
}
