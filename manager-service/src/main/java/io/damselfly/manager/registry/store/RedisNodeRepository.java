package io.damselfly.manager.registry.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.damselfly.common.node.NodeRegistration;
import io.damselfly.common.node.NodeState;
import io.damselfly.common.node.NodeType;
import io.damselfly.manager.registry.state.NodeRecord;
import io.damselfly.manager.registry.state.NodeStateChange;
import io.damselfly.manager.registry.state.NodeTouch;
import io.damselfly.manager.registry.state.StoredNode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveHashOperations;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link NodeRepository} on Redis (key layout in {@link NodeKeys}). A registration or keepalive is one
 * Lua script on the node's own slot, so keeping the first registration time and detecting a node's
 * return are atomic. A listing reads every record and alive key with commands issued together on the
 * shared Lettuce connection, which pipelines them: one batch of round trips for the whole listing, not
 * one per node or per field. A state change is a second script on the node's slot, which writes only
 * into a complete record.
 */
public class RedisNodeRepository implements NodeRepository {

	private static final Logger logger = LoggerFactory.getLogger(RedisNodeRepository.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> TOUCH = RedisScript
		.of(new ClassPathResource("node-touch.lua", RedisNodeRepository.class), List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> STATE = RedisScript
		.of(new ClassPathResource("node-state.lua", RedisNodeRepository.class), List.class);

	/** Header of the touch script's answer: existed, wasAlive, previousClusterId, previousExpiresAt. */
	private static final int TOUCH_HEADER = 4;

	private final ReactiveStringRedisTemplate redis;

	private final ReactiveHashOperations<String, String, String> hashes;

	private final Duration recordTtl;

	/**
	 * @param redis the template
	 * @param recordTtl how long a record outlives its node's last keepalive
	 */
	public RedisNodeRepository(ReactiveStringRedisTemplate redis, Duration recordTtl) {
		this.redis = redis;
		this.hashes = redis.opsForHash();
		this.recordTtl = recordTtl;
	}

	@Override
	public Mono<NodeTouch> register(NodeRegistration registration, Instant now, Duration keepaliveTtl) {
		List<String> args = touchArgs("register", now, keepaliveTtl);
		NodeHash.registrationFields(registration).forEach((field, value) -> {
			args.add(field);
			args.add(value);
		});
		return touch(registration.nodeId(), args).flatMap(this::index);
	}

	@Override
	public Mono<NodeTouch> keepalive(String nodeId, Instant now, Duration keepaliveTtl) {
		// Re-indexing on every keepalive heals an index entry lost to a concurrent stale-entry prune.
		return touch(nodeId, touchArgs("keepalive", now, keepaliveTtl)).flatMap(this::index);
	}

	@Override
	public Mono<StoredNode> find(String nodeId) {
		return read(nodeId).flatMap((stored) -> (stored.record() != null)
				? Mono.just(new StoredNode(stored.record(), stored.alive())) : Mono.empty());
	}

	@Override
	public Flux<StoredNode> findAll(@Nullable String clusterId) {
		Flux<String> clusters = (clusterId != null) ? Flux.just(clusterId) : redis.opsForSet().members(NodeKeys.CLUSTERS);
		return clusters.flatMap((cluster) -> redis.opsForSet().members(NodeKeys.clusterNodes(cluster))
			.flatMap((nodeId) -> read(nodeId).flatMap((stored) -> listed(cluster, nodeId, stored))));
	}

	@Override
	public Mono<Boolean> delete(String nodeId) {
		return hashes.get(NodeKeys.record(nodeId), NodeHash.CLUSTER_ID)
			.flatMap((cluster) -> redis.delete(NodeKeys.record(nodeId), NodeKeys.alive(nodeId))
				.then(redis.opsForSet().remove(NodeKeys.clusterNodes(cluster), nodeId))
				.thenReturn(true))
			.switchIfEmpty(Mono.defer(() -> redis.delete(NodeKeys.record(nodeId), NodeKeys.alive(nodeId))
				.map((deleted) -> deleted > 0)));
	}

	@Override
	public Mono<NodeStateChange> changeState(String nodeId, NodeState state, @Nullable String reason, Instant at) {
		List<String> args = List.of(state.name(), (reason != null) ? reason : "", at.toString());
		return redis.execute(STATE, List.of(NodeKeys.record(nodeId)), args).collectList().flatMap((replies) -> {
			List<String> reply = flatten(replies);
			if (reply.isEmpty()) {
				return Mono.empty();
			}
			try {
				return Mono.just(new NodeStateChange(nodeId, NodeType.valueOf(reply.get(2)), reply.get(3), reply.get(4),
						NodeState.valueOf(reply.get(0)), Instant.parse(reply.get(1)), state, reason, at));
			}
			catch (RuntimeException ex) {
				return Mono.error(new IllegalStateException("corrupt node record " + nodeId + ": " + reply, ex));
			}
		});
	}

	private List<String> touchArgs(String mode, Instant now, Duration keepaliveTtl) {
		List<String> args = new ArrayList<>();
		args.add(mode);
		args.add(now.toString());
		args.add(now.plus(keepaliveTtl).toString());
		args.add(String.valueOf(Math.max(1, keepaliveTtl.toMillis())));
		args.add(String.valueOf(Math.max(1, recordTtl.toMillis())));
		return args;
	}

	private Mono<NodeTouch> touch(String nodeId, List<String> args) {
		return redis.execute(TOUCH, List.of(NodeKeys.record(nodeId), NodeKeys.alive(nodeId)), args)
			.collectList()
			.flatMap((replies) -> {
				List<String> reply = flatten(replies);
				if (reply.isEmpty()) {
					return Mono.empty();
				}
				Map<String, String> hash = new HashMap<>();
				for (int i = TOUCH_HEADER; i + 1 < reply.size(); i += 2) {
					hash.put(reply.get(i), reply.get(i + 1));
				}
				String previousCluster = reply.get(2);
				String previousExpiresAt = reply.get(3);
				return Mono.just(new NodeTouch(NodeHash.decode(hash), "1".equals(reply.get(0)), "1".equals(reply.get(1)),
						previousCluster.isEmpty() ? null : previousCluster,
						previousExpiresAt.isEmpty() ? null : Instant.parse(previousExpiresAt)));
			});
	}

	/** The script answers one multi-bulk reply; depending on the driver it arrives whole or element by element. */
	private static List<String> flatten(List<?> replies) {
		List<String> flat = new ArrayList<>();
		for (Object reply : replies) {
			if (reply instanceof List<?> list) {
				list.forEach((element) -> flat.add(String.valueOf(element)));
			}
			else {
				flat.add(String.valueOf(reply));
			}
		}
		return flat;
	}

	private Mono<NodeTouch> index(NodeTouch touch) {
		NodeRecord record = touch.record();
		Mono<Long> addNode = redis.opsForSet().add(NodeKeys.clusterNodes(record.clusterId()), record.id());
		Mono<Long> addCluster = redis.opsForSet().add(NodeKeys.CLUSTERS, record.clusterId());
		String previousCluster = touch.previousClusterId();
		Mono<Long> removeOld = (touch.movedCluster() && previousCluster != null)
				? redis.opsForSet().remove(NodeKeys.clusterNodes(previousCluster), record.id()) : Mono.empty();
		return Mono.when(addNode, addCluster, removeOld).thenReturn(touch);
	}

	private Mono<RawNode> read(String nodeId) {
		Mono<Map<String, String>> hash = hashes.entries(NodeKeys.record(nodeId))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		return Mono.zip(hash, redis.hasKey(NodeKeys.alive(nodeId))).map((pair) -> {
			Map<String, String> fields = pair.getT1();
			if (fields.isEmpty()) {
				return new RawNode(null, pair.getT2(), List.of());
			}
			List<String> missing = NodeHash.missingFields(fields);
			return missing.isEmpty() ? new RawNode(NodeHash.decode(fields), pair.getT2(), List.of())
					: new RawNode(null, pair.getT2(), missing);
		});
	}

	private Mono<StoredNode> listed(String cluster, String nodeId, RawNode raw) {
		NodeRecord record = raw.record();
		if (record != null) {
			// The record is the truth; an index entry left behind by a cluster move is not.
			return cluster.equals(record.clusterId()) ? Mono.just(new StoredNode(record, raw.alive())) : Mono.empty();
		}
		if (!raw.missing().isEmpty()) {
			// Skipped, not failed: a partial hash is a state write that raced a delete; the node re-registers.
			logger.warn("Skipping node {}: its record lacks {}", nodeId, raw.missing());
			return Mono.empty();
		}
		// The record expired (record TTL) or was deleted: prune the index lazily instead of sweeping it.
		logger.debug("Pruning node {} from cluster {}: its record is gone", nodeId, cluster);
		return redis.opsForSet().remove(NodeKeys.clusterNodes(cluster), nodeId).then(Mono.empty());
	}

	private record RawNode(@Nullable NodeRecord record, boolean alive, List<String> missing) {
	}

}
