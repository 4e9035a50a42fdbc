package io.damselfly.scheduler.seed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.damselfly.common.node.Node;

/**
 * Consistent hashing of tasks onto seeds (rendezvous, or highest-random-weight, hashing): every seed
 * gets a weight from a hash of (task id, seed id) and the heaviest wins. Every scheduler instance
 * picks the same seed for a task without talking to the others, and when a seed joins or leaves only
 * the tasks it wins or held move.
 */
public final class SeedSelector {

	/** The seeds in order of preference for the task, most preferred first. */
	public List<Node> rank(String taskId, List<Node> seeds) {
		List<Node> ranked = new ArrayList<>(seeds);
		ranked.sort(Comparator.comparingLong((Node seed) -> weight(taskId, seed.id())).reversed()
			.thenComparing(Node::id));
		return ranked;
	}

	/** A well-mixed 64-bit hash of the pair: FNV-1a, then the MurmurHash3 finalizer. */
	static long weight(String taskId, String seedId) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : (taskId + '\n' + seedId).getBytes(StandardCharsets.UTF_8)) {
			hash ^= (b & 0xff);
			hash *= 0x100000001b3L;
		}
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		hash ^= hash >>> 33;
		return hash;
	}

}
