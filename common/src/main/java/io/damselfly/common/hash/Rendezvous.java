package io.damselfly.common.hash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Rendezvous (highest-random-weight) hashing, a form of consistent hashing: every node gets a weight
 * from a hash of (key, node id) and the heaviest comes first. Everyone who knows the same nodes ranks
 * them the same way without talking to the others, and when a node joins or leaves only the keys it
 * ranks first move, each to its own next choice. Used for a task's seed, a task's scheduler, and which
 * manager probes a node.
 */
public final class Rendezvous {

	private Rendezvous() {
	}

	/** The nodes in order of preference for {@code key}, most preferred first; ties broken by id. */
	public static <T> List<T> rank(String key, Collection<T> nodes, Function<T, String> id) {
		Map<T, Long> weights = new LinkedHashMap<>();
		for (T node : nodes) {
			weights.putIfAbsent(node, weight(key, id.apply(node)));
		}
		List<T> ranked = new ArrayList<>(weights.keySet());
		ranked.sort(Comparator.comparingLong((T node) -> weights.get(node)).reversed().thenComparing(id));
		return ranked;
	}

	/** Distinct node names in order of preference for {@code key}. */
	public static List<String> rank(String key, Collection<String> nodes) {
		return rank(key, nodes, Function.identity());
	}

	/** A well-mixed 64-bit hash of the pair: FNV-1a, then the MurmurHash3 finalizer. */
	public static long weight(String key, String node) {
		long hash = 0xcbf29ce484222325L;
		for (byte b : (key + '\n' + node).getBytes(StandardCharsets.UTF_8)) {
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
