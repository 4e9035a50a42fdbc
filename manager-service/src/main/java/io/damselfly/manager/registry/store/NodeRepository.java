package io.damselfly.manager.registry.store;

import java.time.Duration;
import java.time.Instant;

import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.manager.registry.state.NodeStateChange;
import io.damselfly.manager.registry.state.NodeTouch;
import io.damselfly.manager.registry.state.StoredNode;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where registered nodes live. Liveness is kept by the store's own expiry (a keepalive key with a TTL),
 * never by a sweep, so a node whose keepalives stop reads as not alive as soon as its TTL runs out.
 */
public interface NodeRepository {

	/**
	 * Creates or refreshes a node's record from its registration and marks it alive until
	 * {@code now + keepaliveTtl}, atomically. Keeps the first registration time and the stored state.
	 */
	Mono<NodeTouch> register(NodeRegistration registration, Instant now, Duration keepaliveTtl);

	/**
	 * Marks a known node alive until {@code now + keepaliveTtl}, atomically.
	 * @return the touch, or empty when the node is unknown (it must register again)
	 */
	Mono<NodeTouch> keepalive(String nodeId, Instant now, Duration keepaliveTtl);

	/** The node and its liveness, or empty when unknown. */
	Mono<StoredNode> find(String nodeId);

	/** All nodes of a cluster, or of every cluster when {@code clusterId} is null; in no order. */
	Flux<StoredNode> findAll(@Nullable String clusterId);

	/** Forgets a node. @return whether there was one */
	Mono<Boolean> delete(String nodeId);

	/**
	 * Sets a node's stored state, reason and since, atomically, leaving the registration and keepalive
	 * fields alone. Only the prober calls it: a registration or keepalive never changes a stored state.
	 * @param reason why the node is in {@code state}; null removes it
	 * @return the change, or empty when the node has no record or already is in {@code state}
	 */
	Mono<NodeStateChange> changeState(String nodeId, NodeState state, @Nullable String reason, Instant at);

}
