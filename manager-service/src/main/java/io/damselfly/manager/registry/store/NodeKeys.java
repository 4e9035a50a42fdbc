package io.damselfly.manager.registry.store;

/**
 * The Redis keys of the registry. A node's keys carry the hash tag {@code {nodeId}}, so the record and
 * its alive key sit in one slot and the touch script stays valid on Redis Cluster.
 * <ul>
 * <li>{@code damselfly:node:{<id>}}: hash, the node record (fields of {@link NodeHash}); expires after
 * the record TTL without a keepalive.</li>
 * <li>{@code damselfly:node:{<id>}:alive}: string, the time of the last keepalive; expires after the
 * keepalive TTL. Its absence is what makes a node INACTIVE.</li>
 * <li>{@code damselfly:cluster:{<clusterId>}:nodes}: set, the ids of the cluster's nodes.</li>
 * <li>{@code damselfly:clusters}: set, the ids of the clusters that have had nodes.</li>
 * </ul>
 */
public final class NodeKeys {

	public static final String CLUSTERS = "damselfly:clusters";

	private NodeKeys() {
	}

	public static String record(String nodeId) {
		return "damselfly:node:{" + nodeId + "}";
	}

	public static String alive(String nodeId) {
		return record(nodeId) + ":alive";
	}

	public static String clusterNodes(String clusterId) {
		return "damselfly:cluster:{" + clusterId + "}:nodes";
	}

}
