package io.damselfly.manager.probe.ownership;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.Set;

import io.damselfly.common.digest.Digests;

/**
 * Decides which of the live managers probes a node, by rendezvous (highest-random-weight) hashing of the
 * node id over the manager ids: every manager that sees the same live set picks the same owner without
 * talking to the others, and a manager that leaves hands over only its own nodes, each to its next
 * choice. No lease and no election: the live set comes from heartbeats in Redis, the shared state.
 */
public final class ProbeOwnership {

	private ProbeOwnership() {
	}

	/** The manager that probes {@code nodeId} among {@code managers}; {@code self} when the set is empty. */
	public static String owner(String nodeId, Collection<String> managers, String self) {
		return managers.stream()
			.max(Comparator.comparingLong((String manager) -> weight(nodeId, manager))
				.thenComparing(Comparator.reverseOrder()))
			.orElse(self);
	}

	/** True when {@code self} probes the node; with no other manager alive, every node is its own. */
	public static boolean owns(String self, String nodeId, Set<String> live) {
		if (live.isEmpty() || (live.size() == 1 && live.contains(self))) {
			return true;
		}
		// A manager always counts itself, even before its first heartbeat is read back.
		java.util.Set<String> all = new java.util.HashSet<>(live);
		all.add(self);
		return owner(nodeId, all, self).equals(self);
	}

	static long weight(String nodeId, String manager) {
		byte[] hash = Digests.newSha256().digest((nodeId + "\n" + manager).getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(hash).getLong();
	}

}
